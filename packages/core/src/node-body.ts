import type { IncomingMessage } from 'node:http';
import { concatBytes, WebhookError } from '@hookgate/signatures';
import { BODY_TIMEOUT_MS, bodyTimedOut } from './body-timeout.js';
import { expireAfter } from './coarse-timeouts.js';

/** Options of {@link readNodeBody}. */
export interface ReadNodeBodyOptions {
  /** The largest accepted body, in bytes (the receiver's `maxBodyBytes`). */
  maxBodyBytes: number;
  /**
   * How long the whole body may take to arrive before the answer is 408 (checked coarsely: up
   * to an eighth later, at most a second). @default 10_000
   */
  timeoutMs?: number | undefined;
}

/**
 * Reads a Node request's body under a byte limit and a time limit, buffering no more than the
 * limit: a declared `Content-Length` over it is refused before reading, a streamed (chunked)
 * body as soon as it passes it, a body that arrives too slowly when the time is up. On a
 * refusal the stream is paused, not destroyed (destroying it closes the socket before the
 * answer is written); {@link answerNodeRequest} then closes the connection after the answer.
 * A body something else already read is refused with `RAW_BODY_UNAVAILABLE`.
 *
 * Rejects only when the stream fails or the client goes away (no one is left to answer),
 * including before the read starts (an async middleware ran first and the client left meanwhile:
 * its stream is destroyed and would never emit again).
 *
 * @example
 * ```ts
 * const body = await readNodeBody(req, { maxBodyBytes: receiver.maxBodyBytes });
 * if (body instanceof WebhookError) console.log(body.code); // BODY_READ_TIMEOUT, PAYLOAD_TOO_LARGE or RAW_BODY_UNAVAILABLE
 * ```
 */
export function readNodeBody(
  req: IncomingMessage,
  options: ReadNodeBodyOptions,
): Promise<Uint8Array | WebhookError> {
  const limit = options.maxBodyBytes;
  if (req.readableDidRead || req.readableEnded) {
    return Promise.resolve(
      new WebhookError(
        'RAW_BODY_UNAVAILABLE',
        'the request body was already read before hookgate saw it, so the raw bytes the signature ' +
          'covers are gone: hand the request to hookgate before anything reads or parses its body',
      ),
    );
  }
  // After the check above: a stream read to its end is destroyed too (autoDestroy).
  if (req.destroyed) return Promise.reject(new Error('the request was closed before its body was read'));
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(tooLarge(limit));
  const timeoutMs = options.timeoutMs ?? BODY_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    // A slow-drip sender must not hold the request (and its buffer) open for ever. Every read
    // takes a limit, even of a body already complete (a framework that ran first): it is the
    // backstop should the stream never emit again, and a read started from Node's 'request'
    // event needs one anyway (Node emits the request, and runs its ticks, before it parses on).
    const cancelLimit = expireAfter(timeoutMs, () => refuse(bodyTimedOut(timeoutMs)));
    // Settles once. The 'end', 'error' and 'close' listeners stay attached (a late 'close' finds
    // the read settled; a late 'error' cannot go unhandled): removing them would cost the hot path.
    const settle = () => {
      if (settled) return false;
      settled = true;
      cancelLimit();
      return true;
    };
    const refuse = (error: WebhookError) => {
      if (!settle()) return;
      req.off('data', onData);
      req.pause();
      resolve(error);
    };
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else refuse(tooLarge(limit));
    };
    req
      .on('data', onData)
      .on('end', () => settle() && resolve(chunks.length === 1 ? chunks[0]! : concatBytes(chunks)))
      .on('error', (error) => settle() && reject(error))
      .on('close', () => settle() && reject(new Error('the request was aborted before its body ended')));
    // A 'data' listener does not restart a stream something paused (`readableFlowing` false).
    req.resume();
  });
}

function tooLarge(limit: number): WebhookError {
  return new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${limit}-byte limit`);
}
