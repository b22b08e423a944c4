import type { WebhookError, WebhookErrorCode } from '@hookgate/signatures';

/** What a receiver does with one error code. */
export interface ErrorPolicy {
  /** The HTTP status the receiver answers with. */
  readonly status: number;
  /** Whether the sender should retry: the failure is on our side and a retry can succeed. */
  readonly retry: boolean;
}

const policy = (status: number, retry: boolean): ErrorPolicy => ({ status, retry });

/**
 * The one code → HTTP policy table of hookgate. The status is chosen for what it makes the
 * sender do: 4xx for a delivery that will never verify (senders that retry on 4xx give up
 * eventually; nothing genuine is lost), 5xx and 409 for a failure on our side that a retry can
 * fix. `SCHEMA_MISMATCH` is retryable too: fix the schema and the retry passes.
 *
 * @example
 * ```ts
 * errorPolicy.STORE_UNAVAILABLE; // { status: 503, retry: true }
 * ```
 */
export const errorPolicy: Readonly<Record<WebhookErrorCode, ErrorPolicy>> = {
  MISSING_HEADER: policy(400, false),
  MALFORMED_HEADER: policy(400, false),
  INVALID_SIGNATURE: policy(401, false),
  TIMESTAMP_OUT_OF_RANGE: policy(401, false),
  INVALID_SECRET: policy(500, true),
  INVALID_CONFIGURATION: policy(500, true),
  METHOD_NOT_ALLOWED: policy(405, false),
  PAYLOAD_TOO_LARGE: policy(413, false),
  BODY_READ_TIMEOUT: policy(408, true),
  INVALID_PAYLOAD: policy(400, false),
  SCHEMA_MISMATCH: policy(422, true),
  DELIVERY_IN_FLIGHT: policy(409, true),
  HANDLER_FAILED: policy(500, true),
  HANDLER_TIMEOUT: policy(500, true),
  STORE_UNAVAILABLE: policy(503, true),
  QUEUE_UNAVAILABLE: policy(503, true),
  RAW_BODY_UNAVAILABLE: policy(500, true),
  // Never an answer (the delivery was answered 2xx before it is found): logged as our failure.
  LEASE_LOST: policy(500, true),
  // Never an answer either (a worker's job, failed by the queue): our failure, at error.
  JOB_STALLED: policy(500, true),
  RECEIVER_CLOSED: policy(503, true),
  INTERNAL_ERROR: policy(500, true),
};

/**
 * The HTTP status of each code, from {@link errorPolicy}.
 *
 * @example
 * ```ts
 * errorStatus.INVALID_SIGNATURE; // 401
 * ```
 */
export const errorStatus = Object.fromEntries(
  Object.entries(errorPolicy).map(([code, { status }]) => [code, status]),
) as Readonly<Record<WebhookErrorCode, number>>;

/**
 * The HTTP status a receiver answers an error with.
 *
 * @example
 * ```ts
 * if (isWebhookError(error)) reply(httpStatusOf(error), error.toJSON());
 * ```
 */
export function httpStatusOf(error: WebhookError): number {
  return (errorPolicy[error.code] ?? errorPolicy.INTERNAL_ERROR).status;
}

/**
 * The log level of a refusal: `error` for a failure on our side (5xx), `warn` for the sender's
 * and for a refusal during a shutdown someone asked for (`RECEIVER_CLOSED`: nothing failed).
 */
export function levelOf(error: WebhookError): 'warn' | 'error' {
  return httpStatusOf(error) >= 500 && error.code !== 'RECEIVER_CLOSED' ? 'error' : 'warn';
}
