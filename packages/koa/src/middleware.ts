import {
  answerNodeRequest,
  isRequestStreamError,
  type NodeHandlerOptions,
  type NodeReceiver,
} from '@hookgate/core/node';
import type { Context, Middleware } from 'koa';
import { keptBody } from './kept-body.js';

/**
 * Options of {@link createKoaMiddleware}: `publicUrl` (a string, or a function of the Koa
 * context), `trustProxy` (independent of Koa's `app.proxy`; default `false`) and
 * `bodyTimeoutMs` (default `10_000`).
 */
export type KoaMiddlewareOptions = NodeHandlerOptions<Context>;

/**
 * Koa middleware (Koa 3) that hands the raw request to a hookgate receiver and answers with
 * its result, for every method (the receiver answers 405, or a sender's GET handshake). Mount
 * it on the webhook path before any body parser; after `@koa/bodyparser` its byte-exact
 * `rawBody` is used, and a consumed body is answered 500 `RAW_BODY_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * router.all('/webhooks/stripe', createKoaMiddleware(receiver));
 * app.use(router.routes()).use(bodyParser()); // the parser after the webhook route
 * ```
 */
export function createKoaMiddleware(receiver: NodeReceiver, options: KoaMiddlewareOptions = {}): Middleware {
  return async function hookgateKoaMiddleware(ctx) {
    const delivery = { request: ctx, req: ctx.req, path: ctx.originalUrl, body: keptBody(ctx) };
    // A client gone mid-body (the receiver logged it): nobody is left to answer, and Koa's error
    // handler would print it as a failure. Any other rejection is Koa's to answer and log.
    const result = await answerNodeRequest(receiver, delivery, options).catch((error: unknown) => {
      if (isRequestStreamError(error)) return undefined;
      throw error;
    });
    if (!result) {
      ctx.respond = false;
      ctx.res.destroy();
      return;
    }
    ctx.status = result.status;
    ctx.set(result.headers);
    ctx.body = result.body;
  };
}
