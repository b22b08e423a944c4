import { concatBytes, WebhookError } from '@hookgate/signatures';
import type { HandleInput, HandleResult } from './types.js';

/**
 * Reads a web `Request` into plain data, refusing a body larger than `maxBodyBytes` without
 * buffering past it: first by its `Content-Length`, then while streaming (a sender can lie
 * or use chunked encoding).
 */
export async function readWebRequest(
  request: Request,
  maxBodyBytes: number,
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
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        // The stream failed (the client went away, a runtime cut it): there are no raw bytes.
        return new WebhookError('RAW_BODY_UNAVAILABLE', 'reading the request body failed', { cause });
      }
      const { done, value } = next;
      if (done) break;
      size += value.length;
      if (size > maxBodyBytes) {
        reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
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
