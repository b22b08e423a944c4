export type { ExpressMiddlewareOptions } from './middleware.js';
export { createExpressMiddleware } from './middleware.js';
