import type { HandleInput } from './types.js';

/** The log line of a request whose client went away before its body arrived. */
export const CLIENT_CLOSED_MESSAGE =
  'the client closed the connection before the body arrived (nothing to answer; the sender retries)';

/**
 * The log fields of a request whose client went away before its body arrived: the method, the
 * path without its query (a query can carry a token), and how long after its arrival. Never a
 * header value or a body.
 */
export function clientClosedFields(
  provider: string,
  request: Omit<HandleInput, 'body'>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { provider, method: request.method };
  const path = pathOf(request.url);
  if (path !== undefined) fields.path = path;
  if (request.receivedAt !== undefined) fields.afterMs = Math.round(performance.now() - request.receivedAt);
  return fields;
}

/** The path of a request target (`/a?b`) or an absolute URL, without query or fragment. */
function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (url.startsWith('/')) return url.split(/[?#]/, 1)[0];
  return URL.canParse(url) ? new URL(url).pathname : undefined;
}
