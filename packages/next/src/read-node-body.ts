import type { IncomingMessage } from 'node:http';
import { WebhookError } from '@hookgate/core';

/**
 * Reads a Node request's body under a byte limit, refusing a declared Content-Length over it
 * before reading and a streamed (chunked) body as soon as it passes it. On refusal the stream
 * is paused, not destroyed: destroying a request closes its socket before the 413 is written.
 * No package import: this module is also bundled into edge routes, where it never runs.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | WebhookError> {
  const tooLarge = () =>
    new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${limit}-byte limit`);
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      finish(() => resolve(tooLarge()));
    };
    const onEnd = () => finish(() => resolve(concat(chunks, size)));
    const onError = (error: unknown) => finish(() => reject(error));
    const onClose = () => finish(() => reject(new Error('the request was aborted before its body ended')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
