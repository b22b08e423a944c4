import {
  configuredPublicUrl,
  type EventSchemas,
  publicUrl,
  type Receiver,
  toWebResponse,
  WebhookError,
} from '@hookgate/core';

/** Options of {@link createRouteHandler} and {@link createPagesApiHandler}. */
export interface NextHandlerOptions<TRequest> {
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the request that returns it.
   * @default rebuilt from the `Host` header (or `X-Forwarded-*` with `trustProxy`)
   */
  publicUrl?: (string | ((request: TRequest) => string)) | undefined;
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host`. Enable it only
   * behind a proxy that sets both (Vercel does).
   * @default false
   */
  trustProxy?: boolean | undefined;
  /** How long the body may take to arrive before the answer is 408 `BODY_READ_TIMEOUT`. @default 10_000 */
  bodyTimeoutMs?: number | undefined;
}

/**
 * An App Router route handler (Node.js and edge runtimes): the web `Request` goes to
 * `receiver.fetch` as it is, under the URL the sender signed.
 *
 * @example
 * ```ts
 * // app/api/webhooks/stripe/route.ts
 * export const POST = createRouteHandler(receiver);
 * ```
 */
export function createRouteHandler(
  receiver: Pick<Receiver<EventSchemas>, 'fetch' | 'reject'>,
  options: NextHandlerOptions<Request> = {},
): (request: Request) => Promise<Response> {
  return async function hookgateRouteHandler(request) {
    const configured = configuredPublicUrl(options.publicUrl, request);
    if (configured instanceof WebhookError) {
      return toWebResponse(
        receiver.reject(configured, { method: request.method, url: request.url, headers: request.headers }),
      );
    }
    const seen = new URL(request.url);
    const url = publicUrl({
      headers: request.headers,
      path: `${seen.pathname}${seen.search}`,
      // Next.js already took X-Forwarded-Proto into request.url; that is not the connection's.
      encrypted: seen.protocol === 'https:' && !request.headers.has('x-forwarded-proto'),
      trustProxy: options.trustProxy,
      publicUrl: configured,
    });
    return receiver.fetch(request, { url, bodyTimeoutMs: options.bodyTimeoutMs });
  };
}
