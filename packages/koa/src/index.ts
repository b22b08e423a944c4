export type { KoaMiddlewareOptions } from './middleware.js';
export { createKoaMiddleware } from './middleware.js';
