/**
 * The stable error codes of hookgate and the HTTP status each one answers with.
 *
 * The status is chosen for what it makes the sender do: 4xx for a delivery that will never
 * verify (senders that retry on 4xx give up eventually; nothing genuine is lost), 5xx and 409
 * for a failure on our side that a retry can fix.
 */
export const errorStatus = {
  /** A header the scheme needs is absent or empty. */
  MISSING_HEADER: 400,
  /** A header is present but cannot be parsed (garbled, duplicated, wrong shape). */
  MALFORMED_HEADER: 400,
  /** No signature in the request matches any configured secret. */
  INVALID_SIGNATURE: 401,
  /** The signed timestamp is outside the tolerance window (stale or from the future). */
  TIMESTAMP_OUT_OF_RANGE: 401,
  /** The configured secret or key is unusable; a server-side configuration error. */
  INVALID_SECRET: 500,
  /** The request method is not POST. */
  METHOD_NOT_ALLOWED: 405,
  /** The body is larger than the receiver's size limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** The body arrived too slowly and the read was cut off. */
  BODY_READ_TIMEOUT: 408,
  /** The verified body is not valid JSON or form data. */
  INVALID_PAYLOAD: 400,
  /** The payload does not match the event's schema. */
  SCHEMA_MISMATCH: 422,
  /** The same delivery is being handled by another request right now. */
  DELIVERY_IN_FLIGHT: 409,
  /** The handler threw; the delivery stays retryable. */
  HANDLER_FAILED: 500,
  /** The handler ran past its time limit; the delivery stays retryable. */
  HANDLER_TIMEOUT: 500,
  /** The idempotency store could not be reached; the handler did not run. */
  STORE_UNAVAILABLE: 503,
  /** Queue mode: the queue did not accept the delivery in time; nothing was queued or run. */
  QUEUE_UNAVAILABLE: 503,
  /** An adapter could not obtain the raw request bytes (a body parser ran first). */
  RAW_BODY_UNAVAILABLE: 500,
} as const;

/** A stable, machine-readable error code. */
export type WebhookErrorCode = keyof typeof errorStatus;

const brand = Symbol.for('hookgate.WebhookError');

/** Options of {@link WebhookError}. */
export interface WebhookErrorOptions {
  /** The underlying error, kept for logs; never sent in a response. */
  cause?: unknown;
  /** Structured detail for `onError` hooks (for example zod issues); never sent in a response. */
  details?: unknown;
}

/**
 * The one error type of hookgate: a stable `code`, the HTTP `status` from {@link errorStatus},
 * and a message that says what was wrong and what to do. Messages never contain a secret, a
 * computed signature or a received signature.
 *
 * @example
 * ```ts
 * try { await scheme.verify(request); }
 * catch (error) { if (isWebhookError(error)) console.log(error.code, error.status); }
 * ```
 */
export class WebhookError extends Error {
  /** The stable error code. */
  readonly code: WebhookErrorCode;
  /** The HTTP status a receiver answers with. */
  readonly status: number;
  /** Structured detail (for example zod issues); not part of any response. */
  readonly details: unknown;

  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    this.status = errorStatus[code];
    this.details = options.details;
    Object.defineProperty(this, brand, { value: true });
  }

  /** The JSON body a receiver sends: code and message only. */
  toJSON(): { ok: false; code: WebhookErrorCode; message: string } {
    return { ok: false, code: this.code, message: this.message };
  }
}

/**
 * Tells whether a value is a {@link WebhookError}, also when it comes from another installed
 * copy of hookgate (checked through a `Symbol.for` brand, not `instanceof` alone).
 *
 * @example
 * ```ts
 * if (isWebhookError(error) && error.code === 'INVALID_SIGNATURE') reply(401);
 * ```
 */
export function isWebhookError(value: unknown): value is WebhookError {
  return (
    value instanceof WebhookError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true)
  );
}
