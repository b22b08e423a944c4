import { handleNodeRequest, type NodeHandlerOptions, type NodeReceiver } from '@hookgate/core/node';
import type { Request, RequestHandler } from 'express';
import { keptBody, type ParsedRequest } from './kept-body.js';

/**
 * Options of {@link createExpressMiddleware}: `publicUrl` (a string, or a function of the
 * Express request), `trustProxy` (independent of Express's own `trust proxy` setting;
 * default `false`) and `bodyTimeoutMs` (default `10_000`).
 */
export type ExpressMiddlewareOptions = NodeHandlerOptions<Request>;

/**
 * Express middleware (Express 4 and 5) that hands the raw request to a hookgate receiver and
 * writes its answer. Mount it before any body parser, or after `express.raw()`. Every method
 * reaches the receiver (it answers 405, or a sender's GET handshake).
 *
 * @example
 * ```ts
 * app.all('/webhooks/stripe', createExpressMiddleware(receiver));
 * app.use(express.json()); // after the webhook route
 * ```
 */
export function createExpressMiddleware(
  receiver: NodeReceiver,
  options: ExpressMiddlewareOptions = {},
): RequestHandler {
  return function hookgateExpressMiddleware(req, res, next) {
    const delivery = { request: req, req, path: req.originalUrl, body: keptBody(req as ParsedRequest) };
    handleNodeRequest(receiver, delivery, res, options).catch(next);
  };
}
