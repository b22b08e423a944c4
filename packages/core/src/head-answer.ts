import type { HandleResult } from './types.js';

/**
 * The answer to `method`: for HEAD, the same status and headers with no body, since a HEAD
 * response never carries content (RFC 9110 §9.3.2). Applied once, in `receiver.handle` and
 * `receiver.reject`, so that no adapter has to remember it: Node's `ServerResponse` drops a
 * HEAD body by itself, but `receiver.fetch`'s `Response` and a Lambda result are sent as they
 * are. The headers stay (RFC 9110 asks for those a GET would get), `content-type` included.
 *
 * @example
 * ```ts
 * answerFor('HEAD', errorResult(error)).body; // ''
 * ```
 */
export function answerFor(method: string, result: HandleResult): HandleResult {
  if (result.body === '' || method.toUpperCase() !== 'HEAD') return result;
  return { ...result, body: '' };
}
