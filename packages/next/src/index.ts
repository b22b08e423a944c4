export type { PagesApiRequest } from './pages-handler.js';
export { createPagesApiHandler } from './pages-handler.js';
export type { NextHandlerOptions } from './route-handler.js';
export { createRouteHandler } from './route-handler.js';
