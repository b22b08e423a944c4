import { getHeader, type HeadersInput, WebhookError } from '@hookgate/signatures';

/** Options of {@link publicUrl}. */
export interface PublicUrlOptions {
  /** The request headers. */
  headers: HeadersInput;
  /** The request target as received: path and query string (`req.originalUrl` in Express). */
  path: string;
  /** Whether the connection to this server is TLS. */
  encrypted: boolean;
  /**
   * Take the scheme and host from `X-Forwarded-Proto` and `X-Forwarded-Host`. Enable it only
   * behind a proxy that sets (overwrites) both headers; anyone can send them otherwise.
   * @default false
   */
  trustProxy?: boolean | undefined;
  /** The URL exactly as configured at the sender; when given it is used as it is. */
  publicUrl?: string | undefined;
}

/**
 * The URL the sender called, for the schemes that sign it (Twilio, Square). A proxy or a
 * load balancer rewrites the scheme and host, so the URL the server sees is not the one that
 * was signed: give `publicUrl`, or opt in to `trustProxy`. Otherwise the URL is built from
 * the `Host` header and the connection's protocol. The path is kept byte for byte (no
 * normalisation): Twilio signs it as it was sent.
 *
 * @example
 * ```ts
 * const url = publicUrl({ headers: req.headers, path: req.originalUrl, encrypted: false, trustProxy: true });
 * // 'https://hooks.example.com/twilio?x=1' behind a TLS-terminating proxy
 * ```
 */
export function publicUrl(options: PublicUrlOptions): string | undefined {
  if (options.publicUrl !== undefined) return options.publicUrl;
  const { headers, trustProxy = false } = options;
  const forwarded = (name: string) => (trustProxy ? firstValue(headers, name) : undefined);
  const proto = (forwarded('x-forwarded-proto') ?? (options.encrypted ? 'https' : 'http')).toLowerCase();
  // HTTP/2 carries the host in the :authority pseudo-header.
  const host =
    forwarded('x-forwarded-host') ?? firstValue(headers, 'host') ?? firstValue(headers, ':authority');
  if (host === undefined || (proto !== 'http' && proto !== 'https')) return undefined;
  return `${proto}://${host}${options.path.startsWith('/') ? '' : '/'}${options.path}`;
}

/**
 * An adapter's `publicUrl` option for one request: the string as it is, or what the function
 * returns. A function that throws (a tenant lookup that failed, say) gives the refusal to answer
 * instead, the same in every adapter: 500 `INTERNAL_ERROR`, which the sender retries, with the
 * thrown error kept in `cause` for the logs and never in the response.
 *
 * @example
 * ```ts
 * const url = configuredPublicUrl(options.publicUrl, req);
 * if (url instanceof WebhookError) return receiver.reject(url, { method, headers });
 * ```
 */
export function configuredPublicUrl<TRequest>(
  option: string | ((request: TRequest) => string) | undefined,
  request: TRequest,
): string | undefined | WebhookError {
  if (typeof option !== 'function') return option;
  try {
    return option(request);
  } catch (cause) {
    return new WebhookError(
      'INTERNAL_ERROR',
      'the publicUrl function threw, so the signed URL is unknown; the delivery stays retryable',
      { cause },
    );
  }
}

/**
 * The first entry of a header. Proxies append to `X-Forwarded-*` lists, so the first entry is
 * the one the client-facing proxy wrote (the rule Express follows too).
 */
function firstValue(headers: HeadersInput, name: string): string | undefined {
  let value: string | undefined;
  try {
    value = getHeader(headers, name);
  } catch {
    // Sent twice with different values: there is no trustworthy answer.
    return undefined;
  }
  if (value === undefined) return undefined;
  const comma = value.indexOf(',');
  const first = (comma < 0 ? value : value.slice(0, comma)).trim();
  return first === '' ? undefined : first;
}
