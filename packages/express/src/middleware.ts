import type { TLSSocket } from 'node:tls';
import { type EventSchemas, publicUrl, type Receiver, WebhookError } from '@hookgate/core';
import type { Request, RequestHandler } from 'express';
import { type ParsedRequest, readBody } from './read-body.js';

/** Options of {@link createExpressMiddleware}. */
export interface ExpressMiddlewareOptions {
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the request that returns it.
   * @default rebuilt from the `Host` header (or `X-Forwarded-*` with `trustProxy`)
   */
  publicUrl?: string | ((req: Request) => string);
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host`. Independent of
   * Express's own `trust proxy` setting; enable it only behind a proxy that sets both.
   * @default false
   */
  trustProxy?: boolean;
  /** How long the body may take to arrive before the answer is 408. @default 10_000 */
  bodyTimeoutMs?: number;
}

/**
 * Express middleware (Express 4 and 5) that hands the raw request to a hookgate receiver and
 * writes its answer. Mount it before any body parser, or after `express.raw()`.
 *
 * @example
 * ```ts
 * app.post('/webhooks/stripe', createExpressMiddleware(receiver));
 * app.use(express.json()); // after the webhook route
 * ```
 */
export function createExpressMiddleware(
  receiver: Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'maxBodyBytes'>,
  options: ExpressMiddlewareOptions = {},
): RequestHandler {
  const timeoutMs = options.bodyTimeoutMs ?? 10_000;
  return function hookgateExpressMiddleware(req, res, next) {
    respond().catch(next);

    async function respond() {
      const body = await readBody(req as ParsedRequest, receiver.maxBodyBytes, timeoutMs);
      if (body instanceof WebhookError) {
        // Part of the body may still be unread: do not keep the connection for another request.
        if (body.code !== 'RAW_BODY_UNAVAILABLE') res.setHeader('connection', 'close');
        const result = receiver.reject(body, { method: req.method, headers: req.headers });
        res.writeHead(result.status, result.headers).end(result.body);
        return;
      }
      const url = publicUrl({
        headers: req.headers,
        path: req.originalUrl,
        encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
        trustProxy: options.trustProxy,
        publicUrl: typeof options.publicUrl === 'function' ? options.publicUrl(req) : options.publicUrl,
      });
      const result = await receiver.handle({ method: req.method, url, headers: req.headers, body });
      res.writeHead(result.status, result.headers).end(result.body);
    }
  };
}
