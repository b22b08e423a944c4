import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { type EventSchemas, publicUrl, type Receiver, WebhookError } from '@hookgate/core';
import { readNodeBody } from './read-node-body.js';
import type { NextHandlerOptions } from './route-handler.js';

/** A Pages Router API request: Next.js sets `body` when its body parser ran. */
export type PagesApiRequest = IncomingMessage & { body?: unknown };

/**
 * A Pages Router API route (`pages/api/…`). The route must turn Next.js's body parser off,
 * or the raw bytes are gone; a parsed body is answered with 500 `RAW_BODY_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * // pages/api/webhooks/stripe.ts
 * export const config = { api: { bodyParser: false } };
 * export default createPagesApiHandler(receiver);
 * ```
 */
export function createPagesApiHandler(
  receiver: Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'maxBodyBytes'>,
  options: NextHandlerOptions<PagesApiRequest> = {},
): (req: PagesApiRequest, res: ServerResponse) => Promise<void> {
  return async function hookgatePagesApiHandler(req, res) {
    const body =
      req.body !== undefined || req.readableDidRead || req.readableEnded
        ? new WebhookError(
            'RAW_BODY_UNAVAILABLE',
            "Next.js's API body parser already consumed the request body, so the raw bytes the signature " +
              'covers are gone: add `export const config = { api: { bodyParser: false } };` to this API route',
          )
        : await readNodeBody(req, receiver.maxBodyBytes);
    if (body instanceof WebhookError) {
      // Part of the body may still be unread: do not keep the connection for another request.
      if (body.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
      const result = receiver.reject(body, { method: req.method ?? 'POST', headers: req.headers });
      res.writeHead(result.status, result.headers).end(result.body);
      return;
    }
    const url = publicUrl({
      headers: req.headers,
      path: req.url ?? '/',
      encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
      trustProxy: options.trustProxy,
      publicUrl: typeof options.publicUrl === 'function' ? options.publicUrl(req) : options.publicUrl,
    });
    const result = await receiver.handle({ method: req.method ?? 'POST', url, headers: req.headers, body });
    res.writeHead(result.status, result.headers).end(result.body);
  };
}
