import { arrivalReading } from './delivery-trace.js';
import type { HandleInput } from './types.js';

/** The log line of a request whose client went away before its body arrived. */
export const CLIENT_CLOSED_MESSAGE =
  'the client closed the connection before the body arrived (nothing to answer; the sender retries)';

/**
 * The log fields of a request whose client went away before its body arrived: the method and how
 * long after its arrival. Never a header value, a body or the URL (a path or query can carry a
 * token, as some senders' endpoints do), like every other log line.
 */
export function clientClosedFields(
  provider: string,
  request: Omit<HandleInput, 'body'>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { provider, method: request.method };
  const now = performance.now();
  const receivedAt = arrivalReading(request.receivedAt, now);
  if (receivedAt !== undefined) fields.afterMs = Math.round(now - receivedAt);
  return fields;
}
