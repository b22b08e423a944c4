import {
  configuredPublicUrl,
  type EventSchemas,
  type Receiver,
  toWebResponse,
  WebhookError,
} from '@hookgate/core';
import type { Context, MiddlewareHandler } from 'hono';
import { honoPublicUrl } from './public-url.js';

/** Options of {@link createHonoMiddleware}. */
export interface HonoMiddlewareOptions {
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the context that returns it.
   * @default `c.req.url`, with the scheme and host from `X-Forwarded-*` only under `trustProxy`
   */
  publicUrl?: (string | ((c: Context) => string)) | undefined;
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host`. Enable it only
   * behind a proxy that sets both.
   * @default false
   */
  trustProxy?: boolean | undefined;
  /** How long the body may take to arrive before the answer is 408 `BODY_READ_TIMEOUT`. @default 10_000 */
  bodyTimeoutMs?: number | undefined;
}

/** The receiver surface the middleware uses: any `Receiver<TEvents>` fits. */
export type HonoReceiver = Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'fetch'>;

/**
 * A Hono handler that hands the request to a hookgate receiver and answers with its result, on
 * every runtime Hono runs on (Node.js through `@hono/node-server`, Bun, Deno, Workers).
 *
 * The raw bytes are signed, so the body must reach the receiver unread. When another
 * middleware already read it, the answer is 500 `RAW_BODY_UNAVAILABLE` (reported to `onError`)
 * instead of a throw, except after `c.req.arrayBuffer()`, `c.req.bytes()` or `c.req.blob()`:
 * Hono keeps those bytes exactly as received, and they are verified as they are. A body read
 * as text, JSON or a form is refused: decoding is lossy (invalid UTF-8, a byte-order mark), so
 * its re-encoding need not be the bytes that were signed.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * app.post('/webhooks/stripe', createHonoMiddleware(receiver));
 * ```
 */
export function createHonoMiddleware(
  receiver: HonoReceiver,
  options: HonoMiddlewareOptions = {},
): MiddlewareHandler {
  return async function hookgateHonoMiddleware(c) {
    const request = c.req.raw;
    const configured = configuredPublicUrl(options.publicUrl, c);
    if (configured instanceof WebhookError) {
      return toWebResponse(
        receiver.reject(configured, { method: request.method, url: request.url, headers: request.headers }),
      );
    }
    const url = honoPublicUrl(request, { trustProxy: options.trustProxy, publicUrl: configured });
    const kept = await keptBytes(c);
    if (kept) {
      return toWebResponse(
        await receiver.handle({ method: request.method, url, headers: request.headers, body: kept }),
      );
    }
    if (request.bodyUsed || request.body?.locked) {
      const error = new WebhookError(
        'RAW_BODY_UNAVAILABLE',
        'another middleware read the request body (c.req.json(), c.req.text(), a validator, …) before ' +
          'hookgate, so the raw bytes the signature covers are gone: register the webhook route before ' +
          'that middleware, or have it read c.req.arrayBuffer() (Hono keeps those bytes)',
      );
      return toWebResponse(receiver.reject(error, { method: request.method, url, headers: request.headers }));
    }
    return receiver.fetch(request, { url, bodyTimeoutMs: options.bodyTimeoutMs });
  };
}

/** The body bytes Hono kept exactly as received, when a middleware read them that way. */
async function keptBytes(c: Context): Promise<Uint8Array | undefined> {
  const { arrayBuffer, blob } = c.req.bodyCache;
  if (arrayBuffer) return new Uint8Array(await arrayBuffer);
  if (blob) return new Uint8Array(await (await blob).arrayBuffer());
  return undefined;
}
