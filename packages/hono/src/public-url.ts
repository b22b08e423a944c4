import { publicUrl } from '@hookgate/core';

/**
 * The URL the sender signed. `request.url` is already absolute on every Hono runtime (Workers,
 * Bun and Deno give the URL called; `@hono/node-server` builds it from `Host` and the socket's
 * TLS), so only the proxy headers (opted in) or a configured URL change it.
 */
export function honoPublicUrl(
  request: Request,
  options: { trustProxy?: boolean | undefined; publicUrl?: string | undefined },
): string {
  if (options.publicUrl === undefined && !options.trustProxy) return request.url;
  const seen = new URL(request.url);
  return (
    publicUrl({
      headers: request.headers,
      path: `${seen.pathname}${seen.search}`,
      encrypted: seen.protocol === 'https:',
      trustProxy: options.trustProxy,
      publicUrl: options.publicUrl,
    }) ?? request.url
  );
}
