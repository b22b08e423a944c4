import type { IncomingMessage, ServerResponse } from 'node:http';
import { type EventSchemas, type Receiver, WebhookError } from '@hookgate/core';
import { handleNodeRequest, type NodeHandlerOptions } from '@hookgate/core/node';

/** A Pages Router API request: Next.js sets `body` when its body parser ran. */
export type PagesApiRequest = IncomingMessage & { body?: unknown };

/**
 * A Pages Router API route (`pages/api/…`), for every method (the receiver answers 405 or a
 * sender's GET handshake). The route must turn Next.js's body parser off, or the raw bytes are
 * gone; a parsed body is answered with 500 `RAW_BODY_UNAVAILABLE`.
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
  options: NodeHandlerOptions<PagesApiRequest> = {},
): (req: PagesApiRequest, res: ServerResponse) => Promise<void> {
  return function hookgatePagesApiHandler(req, res) {
    const body =
      req.body !== undefined || req.readableDidRead || req.readableEnded
        ? new WebhookError(
            'RAW_BODY_UNAVAILABLE',
            "Next.js's API body parser already consumed the request body, so the raw bytes the signature " +
              'covers are gone: add `export const config = { api: { bodyParser: false } };` to this API route',
          )
        : undefined;
    return handleNodeRequest(receiver, { request: req, req, body }, res, options);
  };
}
