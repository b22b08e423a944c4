/**
 * The stable error codes of hookgate, each with what it means. This package knows no HTTP: the
 * status a receiver answers with, and whether the sender should retry, are `@hookgate/core`'s
 * decision (its `errorPolicy` table), so that the whole policy lives in one place.
 */
export const errorCodes = {
  /** A header the scheme needs is absent or empty. */
  MISSING_HEADER: 'a header the scheme needs is absent or empty',
  /** A header is present but cannot be parsed (garbled, duplicated, wrong shape). */
  MALFORMED_HEADER: 'a header is present but cannot be parsed',
  /** No signature in the request matches any configured secret. */
  INVALID_SIGNATURE: 'no signature matches any configured secret',
  /** The signed timestamp is outside the tolerance window (stale or from the future). */
  TIMESTAMP_OUT_OF_RANGE: 'the signed timestamp is outside the tolerance window',
  /** The configured secret or key is unusable (empty, wrong kind, not decodable, lookup found none). */
  INVALID_SECRET: 'the configured secret or key is unusable',
  /** The configuration is wrong in another way (a missing option, an undeclared event type). */
  INVALID_CONFIGURATION: 'the configuration is wrong',
  /** The request method is not POST. */
  METHOD_NOT_ALLOWED: 'the request method is not POST',
  /** The body is larger than the receiver's size limit. */
  PAYLOAD_TOO_LARGE: "the body is larger than the receiver's size limit",
  /** The body arrived too slowly and the read was cut off. */
  BODY_READ_TIMEOUT: 'the body arrived too slowly',
  /** The verified body is not valid JSON or form data. */
  INVALID_PAYLOAD: 'the verified body is not valid JSON or form data',
  /** The payload does not match the event's schema. */
  SCHEMA_MISMATCH: "the payload does not match the event's schema",
  /** The same delivery is being handled by another request right now. */
  DELIVERY_IN_FLIGHT: 'the same delivery is being handled by another request',
  /** The handler threw; the delivery stays retryable. */
  HANDLER_FAILED: 'the handler threw',
  /** The handler ran past its time limit; the delivery stays retryable. */
  HANDLER_TIMEOUT: 'the handler ran past its time limit',
  /** The idempotency store could not be reached; the handler did not run. */
  STORE_UNAVAILABLE: 'the idempotency store could not be reached',
  /** Queue mode: the queue did not accept the delivery in time; nothing was queued or run. */
  QUEUE_UNAVAILABLE: 'the queue did not accept the delivery in time',
  /** The raw request bytes could not be obtained (a body parser ran first, or the body was read). */
  RAW_BODY_UNAVAILABLE: 'the raw request bytes could not be obtained',
  /**
   * A delivery was handled, but its claim had expired (and may have been taken by another
   * request) before the completion was recorded: it may run again. Reported, never an answer.
   */
  LEASE_LOST: 'the delivery was handled after its claim expired; it may run again',
  /**
   * Queue mode: the queue failed a job by itself, outside its handlers: most often it stalled
   * (its worker died, or was blocked past its lock) more often than the queue allows, which
   * BullMQ fails at once whatever attempts remain. Reported, never an answer.
   */
  JOB_STALLED: 'the queue failed the job by itself, outside its handlers (most often: it stalled too often)',
  /** The receiver was closed (`receiver.close()`, at shutdown) and takes no new delivery. */
  RECEIVER_CLOSED: 'the receiver is shutting down and takes no new delivery',
  /** An unexpected failure where no handler ran (a bug, or a hook or library that threw). */
  INTERNAL_ERROR: 'an unexpected failure where no handler ran',
} as const;

/** A stable, machine-readable error code. */
export type WebhookErrorCode = keyof typeof errorCodes;

const brand = Symbol.for('hookgate.WebhookError');

/** Options of {@link WebhookError}. */
export interface WebhookErrorOptions {
  /** The underlying error, kept for logs; never sent in a response. */
  cause?: unknown | undefined;
  /** Structured detail for `onError` hooks (for example zod issues); never sent in a response. */
  details?: unknown | undefined;
}

/**
 * The one error type of hookgate: a stable `code` (see {@link errorCodes}), a message that says
 * what was wrong and what to do, and the `cause`. The HTTP status is not decided here:
 * `@hookgate/core`'s `httpStatusOf(error)` maps the code to it. Messages never contain a secret, a
 * computed signature or a received signature.
 *
 * @example
 * ```ts
 * try { await scheme.verify(request); }
 * catch (error) { if (isWebhookError(error)) console.log(error.code, error.message); }
 * ```
 */
export class WebhookError extends Error {
  /** The stable error code. */
  readonly code: WebhookErrorCode;
  /** Structured detail (for example zod issues); not part of any response. */
  readonly details: unknown;

  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
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
