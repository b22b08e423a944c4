import { WebhookError } from '@hookgate/core';
import type { Context } from 'koa';

const encoder = new TextEncoder();

/**
 * The raw bytes a body parser kept, the refusal of a body a parser consumed, or `undefined`:
 * the stream is unread and the Node layer reads it. `@koa/bodyparser` and `koa-bodyparser` keep
 * `ctx.request.rawBody` as a string decoded from UTF-8: it is used only when it is provably the
 * exact bytes (no U+FFFD from an invalid sequence, and as many UTF-8 bytes as the declared
 * `Content-Length`, which catches a stripped byte-order mark or another charset). A body parsed
 * into an object is never re-serialised: that changes whitespace, key order and escapes.
 */
export function keptBody(ctx: Context): Uint8Array | WebhookError | undefined {
  const { req } = ctx;
  const raw = (ctx.request as { rawBody?: unknown }).rawBody ?? (req as { rawBody?: unknown }).rawBody;
  if (raw instanceof Uint8Array) return raw;
  if (!req.readableDidRead && !req.readableEnded) return undefined;
  if (typeof raw === 'string' && !raw.includes('\uFFFD')) {
    const bytes = encoder.encode(raw);
    if (bytes.length === Number(req.headers['content-length'])) return bytes;
  }
  return new WebhookError(
    'RAW_BODY_UNAVAILABLE',
    'the request body was already consumed by a body parser (@koa/bodyparser, koa-bodyparser, koa-body) ' +
      'mounted before the webhook middleware, and the raw bytes the signature covers are gone' +
      (typeof raw === 'string' ? ' (its rawBody string is not byte-exact)' : '') +
      ': mount the webhook middleware before the body parser',
  );
}
