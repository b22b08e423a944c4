import { concatBytes, WebhookError } from '@hookgate/signatures';
import { BODY_TIMEOUT_MS, bodyTimedOut } from './body-timeout.js';
import type { HandleInput, HandleResult } from './types.js';

/**
 * Reads a web `Request` into plain data, refusing a body larger than `maxBodyBytes` without
 * buffering past it (first by its `Content-Length`, then while streaming: a sender can lie
 * or use chunked encoding), and one that takes longer than `timeoutMs` to arrive (408
 * `BODY_READ_TIMEOUT`: a slow-drip sender must not hold the request and its buffer until the
 * runtime's own limit, five minutes in Node's `requestTimeout`).
 *
 * @example
 * ```ts
 * const read = await readWebRequest(request, receiver.maxBodyBytes);
 * if (read instanceof WebhookError) console.log(read.code); // PAYLOAD_TOO_LARGE, BODY_READ_TIMEOUT, …
 * ```
 */
export async function readWebRequest(
  request: Request,
  maxBodyBytes: number,
  timeoutMs: number = BODY_TIMEOUT_MS,
): Promise<HandleInput | WebhookError> {
  const tooLarge = () =>
    new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${maxBodyBytes}-byte limit`);
  if (request.bodyUsed || request.body?.locked) {
    return new WebhookError(
      'RAW_BODY_UNAVAILABLE',
      'the request body was already read (request.text(), request.json(), c.req.json() in Hono); pass the request to receiver.fetch before reading it',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBodyBytes) {
    // Not awaited: a cancel can stay pending until the sender has sent everything (it does in
    // Next.js's edge sandbox), and the 413 must not wait for that.
    request.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    // One timer per read, not the Node layer's shared interval: a Worker's timers end with the
    // request that set them. Cancelling the reader ends the pending read (`done`).
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reader.cancel().catch(() => undefined);
    }, timeoutMs);
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (cause) {
          if (timedOut) return bodyTimedOut(timeoutMs);
          // The stream failed (the client went away, a runtime cut it): there are no raw bytes.
          return new WebhookError('RAW_BODY_UNAVAILABLE', 'reading the request body failed', { cause });
        }
        if (timedOut) return bodyTimedOut(timeoutMs);
        const { done, value } = next;
        if (done) break;
        size += value.length;
        if (size > maxBodyBytes) {
          reader.cancel().catch(() => undefined);
          return tooLarge();
        }
        chunks.push(value);
      }
    } finally {
      clearTimeout(timer);
    }
  }
  const body = chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
  return { method: request.method, url: request.url, headers: request.headers, body };
}

/** A {@link HandleResult} as a web `Response`. */
export function toWebResponse(result: HandleResult): Response {
  return new Response(result.status === 204 || result.body === '' ? null : result.body, {
    status: result.status,
    headers: result.headers,
  });
}
