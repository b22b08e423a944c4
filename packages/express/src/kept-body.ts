import type { IncomingMessage } from 'node:http';
import { WebhookError } from '@hookgate/core';

/** A request as Express leaves it: a body parser may have kept the bytes, or parsed them away. */
export type ParsedRequest = IncomingMessage & { body?: unknown; _body?: unknown };

/**
 * The raw bytes an earlier parser kept (`express.raw()` puts a Buffer in `req.body`, a `verify`
 * callback conventionally in `req.rawBody`), the refusal of a body already parsed into an
 * object or a string, or `undefined`: the stream is unread, the Node layer reads it. A parsed
 * body is never re-serialised: `JSON.stringify(JSON.parse(body))` changes whitespace, key
 * order and escapes, so the signature cannot match (the most reported webhook bug of
 * @octokit/webhooks and Stripe).
 */
export function keptBody(req: ParsedRequest): Uint8Array | WebhookError | undefined {
  // Read as unknown: a body parser's types may declare `rawBody` on every IncomingMessage.
  const { rawBody } = req as { rawBody?: unknown };
  if (rawBody instanceof Uint8Array) return rawBody;
  if (req.body instanceof Uint8Array) return req.body;
  // body-parser marks a parsed request with `_body`; any other consumer leaves the stream read.
  if (req._body !== true && !req.readableDidRead && !req.readableEnded) return undefined;
  const type = req.headers['content-type'] ?? '';
  const parser =
    typeof req.body === 'string'
      ? 'express.text()'
      : typeof req.body !== 'object' || req.body === null
        ? 'a body parser'
        : type.includes('urlencoded')
          ? 'express.urlencoded()'
          : 'express.json()';
  return new WebhookError(
    'RAW_BODY_UNAVAILABLE',
    `the request body was already consumed, most likely by ${parser} mounted before the webhook route, ` +
      'so the raw bytes the signature covers are gone: mount the webhook route before any body parser, ' +
      "or give it express.raw({ type: '*/*' })",
  );
}
