import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { WebhookError } from '@hookgate/signatures';
import { readNodeBody } from './node-body.js';
import { configuredPublicUrl, publicUrl } from './public-url.js';
import type { Receiver } from './receiver.js';
import type { EventSchemas, HandleResult } from './types.js';

/**
 * The receiver surface a Node adapter uses: any `Receiver<TEvents>` fits. `clientClosed` is
 * optional, so that a wrapper need not forward it (a client gone mid-body is then not logged).
 */
export type NodeReceiver = Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'maxBodyBytes'> &
  Partial<Pick<Receiver<EventSchemas>, 'clientClosed'>>;

/** Options every Node adapter (Express, Fastify, Koa, Next.js Pages Router, `node:http`) takes. */
export interface NodeHandlerOptions<TRequest = IncomingMessage> {
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the request that returns it.
   * @default rebuilt from the `Host` header (or `X-Forwarded-*` with `trustProxy`)
   */
  publicUrl?: (string | ((request: TRequest) => string)) | undefined;
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host`. Independent of the
   * framework's own proxy setting; enable it only behind a proxy that sets both.
   * @default false
   */
  trustProxy?: boolean | undefined;
  /** How long the body may take to arrive before the answer is 408 `BODY_READ_TIMEOUT`. @default 10_000 */
  bodyTimeoutMs?: number | undefined;
}

/** One request as a Node adapter hands it over. */
export interface NodeDelivery<TRequest = IncomingMessage> {
  /** The framework's request object, given to a `publicUrl` function. */
  request: TRequest;
  /** The Node request underneath. */
  req: IncomingMessage;
  /** The request target as received (path and query). @default req.url */
  path?: string | undefined;
  /**
   * The raw bytes a framework already kept (Express's `express.raw()`), or the refusal an
   * adapter found (a parser that ate the body). @default read from `req`
   */
  body?: Uint8Array | WebhookError | undefined;
}

/**
 * The receiver's answer to a Node request: reads the body (unless the adapter has it), rebuilds
 * the public URL, runs `receiver.handle` or `receiver.reject` (with `receivedAt` taken before
 * the read, so that the receive span and `hookgate.ack.duration` cover it), and applies the one connection
 * policy of every Node adapter: when the request's body was not read to its end (413 before or
 * while reading, 408), the answer carries `connection: close`, so that Node does not go on
 * draining an unwanted body at the sender's pace to keep the connection. Every other answer
 * (including 500 `RAW_BODY_UNAVAILABLE`, whose body a parser did read) keeps the connection.
 *
 * @example
 * ```ts
 * const result = await answerNodeRequest(receiver, { request: req, req });
 * res.writeHead(result.status, result.headers).end(result.body);
 * ```
 */
export async function answerNodeRequest<TRequest>(
  receiver: NodeReceiver,
  delivery: NodeDelivery<TRequest>,
  options: NodeHandlerOptions<TRequest> = {},
): Promise<HandleResult> {
  const { req } = delivery;
  const method = req.method ?? 'GET';
  // Before the body is read: the receive span and `hookgate.ack.duration` cover the read.
  const receivedAt = performance.now();
  let body: Uint8Array | WebhookError;
  try {
    body =
      delivery.body ??
      (await readNodeBody(req, { maxBodyBytes: receiver.maxBodyBytes, timeoutMs: options.bodyTimeoutMs }));
  } catch (error) {
    // The stream failed or the client went away: no one is left to answer (the caller gives
    // up on the response), but it is logged, as on the web path.
    receiver.clientClosed?.({ method, url: delivery.path ?? req.url, headers: req.headers, receivedAt });
    throw new RequestStreamError(error);
  }
  if (body instanceof WebhookError) {
    return closeIfUnread(req, receiver.reject(body, { method, headers: req.headers, receivedAt }));
  }
  const configured = configuredPublicUrl(options.publicUrl, delivery.request);
  if (configured instanceof WebhookError) {
    return closeIfUnread(req, receiver.reject(configured, { method, headers: req.headers, receivedAt }));
  }
  const url = publicUrl({
    headers: req.headers,
    path: delivery.path ?? req.url ?? '/',
    encrypted: (req.socket as Partial<TLSSocket> | null)?.encrypted === true,
    trustProxy: options.trustProxy,
    publicUrl: configured,
  });
  return closeIfUnread(req, await receiver.handle({ method, url, headers: req.headers, body, receivedAt }));
}

/**
 * {@link answerNodeRequest}, written to `res`. A client that went away mid-body gets nothing
 * (its socket is already closed); the receiver logs it once at `warn`.
 *
 * @example
 * ```ts
 * createServer((req, res) => handleNodeRequest(receiver, { request: req, req }, res));
 * ```
 */
export async function handleNodeRequest<TRequest>(
  receiver: NodeReceiver,
  delivery: NodeDelivery<TRequest>,
  res: ServerResponse,
  options?: NodeHandlerOptions<TRequest>,
): Promise<void> {
  let result: HandleResult;
  try {
    result = await answerNodeRequest(receiver, delivery, options);
  } catch (error) {
    // A failed or aborted request stream: there is no one left to answer (the receiver logged
    // it). Anything else (a wrapper receiver that threw) is the caller's to answer as a failure.
    if (!isRequestStreamError(error)) throw error;
    res.destroy();
    return;
  }
  res.writeHead(result.status, result.headers).end(result.body);
}

/**
 * A `node:http` request listener for one receiver.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeHandler } from '@hookgate/core/node';
 * createServer(createNodeHandler(receiver)).listen(3000);
 * ```
 */
export function createNodeHandler(
  receiver: NodeReceiver,
  options?: NodeHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return function hookgateNodeHandler(req, res) {
    return handleNodeRequest(receiver, { request: req, req }, res, options).catch((error: unknown) =>
      answerThrown(receiver, req, res, error),
    );
  };
}

/**
 * What {@link answerNodeRequest} rejects with when the request stream failed or its client went
 * away before the body ended: nobody is left to answer, and the receiver has logged it. Adapters
 * end such a request quietly (see {@link isRequestStreamError}) and hand any other rejection to
 * their framework as a failure.
 */
export class RequestStreamError extends Error {
  override readonly name = 'RequestStreamError';
  constructor(cause: unknown) {
    super('the request stream failed or its client went away before the body ended', { cause });
  }
}

/**
 * Whether `error` is a {@link RequestStreamError}, also one from another installed copy of
 * `@hookgate/core` (read by its name).
 *
 * @example
 * ```ts
 * const result = await answerNodeRequest(receiver, delivery).catch((error) => {
 *   if (isRequestStreamError(error)) return undefined; // end the request quietly
 *   throw error;
 * });
 * ```
 */
export function isRequestStreamError(error: unknown): error is RequestStreamError {
  return error instanceof Error && error.name === 'RequestStreamError';
}

/**
 * A bare `node:http` server has no error handler of its own, and a rejected listener would be an
 * unhandled rejection: a receiver (a wrapper) that threw is answered 500 through
 * `receiver.reject`, which logs it and calls `onError`.
 */
function answerThrown(
  receiver: NodeReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  try {
    const failure = new WebhookError('INTERNAL_ERROR', 'the receiver threw instead of answering', {
      cause: error,
    });
    const result = receiver.reject(failure, { method: req.method ?? 'GET', headers: req.headers });
    if (res.headersSent) res.destroy();
    else res.writeHead(result.status, result.headers).end(result.body);
  } catch {
    res.destroy();
  }
}

/**
 * The connection policy: an HTTP/1 request whose body was not received to its end is answered
 * with `connection: close`. (HTTP/2 forbids the header; its stream ends with the answer.)
 */
function closeIfUnread(req: IncomingMessage, result: HandleResult): HandleResult {
  if (req.complete || req.httpVersionMajor !== 1) return result;
  return { ...result, headers: { ...result.headers, connection: 'close' } };
}
