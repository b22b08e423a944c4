import type { IncomingMessage } from 'node:http';
import { WebhookError } from '@hookgate/core';
import getRawBody from 'raw-body';

/** A request as Express leaves it: a body parser may have kept the bytes, or parsed them away. */
export type ParsedRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/**
 * The raw body bytes: kept by an earlier parser (`express.raw()` puts a Buffer in `req.body`,
 * a `verify` callback conventionally in `req.rawBody`), or read from the stream under the size
 * and time limits. A body already parsed into an object or a string is refused, never
 * re-serialised: `JSON.stringify(JSON.parse(body))` changes whitespace, key order and escapes,
 * so the signature cannot match (the most reported webhook bug of @octokit/webhooks and Stripe).
 */
export async function readBody(
  req: ParsedRequest,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array | WebhookError> {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array) return req.body;
  // body-parser marks a parsed request with `_body`; any other consumer leaves the stream read.
  if ((req as { _body?: unknown })._body === true || req.readableDidRead || req.readableEnded) {
    return new WebhookError('RAW_BODY_UNAVAILABLE', alreadyParsed(req));
  }
  return new Promise((resolve, reject) => {
    // raw-body has no timeout: stop reading here, so that a slow-drip body cannot hold the request open.
    const timer = setTimeout(() => {
      req.pause();
      resolve(new WebhookError('BODY_READ_TIMEOUT', `the body did not arrive within ${timeoutMs} ms`));
    }, timeoutMs);
    // With a Content-Length over the limit raw-body refuses before reading anything.
    getRawBody(req, { length: req.headers['content-length'], limit })
      .then(resolve, (error: getRawBody.RawBodyError) => {
        if (error.type !== 'entity.too.large') return reject(error);
        resolve(new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${limit}-byte limit`));
      })
      .finally(() => clearTimeout(timer));
  });
}

function alreadyParsed(req: ParsedRequest): string {
  const contentType = req.headers['content-type'] ?? '';
  const parser =
    typeof req.body === 'string'
      ? 'express.text()'
      : typeof req.body !== 'object' || req.body === null
        ? 'a body parser'
        : contentType.includes('urlencoded')
          ? 'express.urlencoded()'
          : 'express.json()';
  return (
    `the request body was already consumed, most likely by ${parser} mounted before the webhook route, ` +
    'so the raw bytes the signature covers are gone: mount the webhook route before any body parser, ' +
    "or give it express.raw({ type: '*/*' })"
  );
}
