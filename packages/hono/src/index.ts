export type { HonoMiddlewareOptions, HonoReceiver } from './hono-middleware.js';
export { createHonoMiddleware } from './hono-middleware.js';
