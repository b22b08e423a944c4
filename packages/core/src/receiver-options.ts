import type { Scheme, VerifiedSignature, WebhookError } from '@hookgate/signatures';
import type { Dispatcher } from './dispatch.js';
import type { Logger } from './logger.js';
import type { DeliveredReport, ErrorContext } from './observe.js';
import type { IdempotencyStore } from './store.js';
import type { DeliveryContext, EventSchemas, HandleInput } from './types.js';

/** Options of {@link createReceiver}. */
export interface ReceiverOptions<TEvents extends EventSchemas> {
  /** The sender's signature scheme, from `@hookgate/signatures`. */
  scheme: Scheme;
  /** Event type → schema of the whole payload (zod or any Standard Schema). @default {} */
  events?: TEvents | undefined;
  /** Where handled delivery ids are kept. @default createMemoryStore() */
  store?: IdempotencyStore | undefined;
  /** Largest accepted body, in bytes. @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number | undefined;
  /** Overrides the scheme's event type (for example, a custom sender's header). */
  eventType?: (payload: unknown, request: HandleInput) => string | undefined;
  /** Overrides the scheme's delivery id (trusted as the replay key: derive it from signed data). */
  deliveryId?: (payload: unknown, request: HandleInput, verified: VerifiedSignature) => string | undefined;
  /**
   * What to do with a verified payload that fails its schema: `reject` answers 422, which the
   * sender retries (nothing is lost; fix the schema and the retry passes); `ack` answers 200
   * and drops it. Both report it to `onError` with the issues.
   * @default 'reject'
   */
  invalidPayload?: 'reject' | 'ack' | undefined;
  /**
   * What to do when the store cannot be reached: `reject` answers 503 and runs no handler
   * (fail closed: the sender retries later); `process` runs the handler without de-duplication.
   * @default 'reject'
   */
  storeFailure?: 'reject' | 'process' | undefined;
  /**
   * How long handled ids are kept.
   * @default the sender's retry horizon plus a day (4 days for Stripe, which retries for 3), and
   * at least twice the timestamp tolerance plus a minute
   */
  retentionMs?: number | undefined;
  /**
   * How long a claim lasts if its process dies mid-handler. Must exceed `handlerTimeoutMs`.
   * @default the larger of 60_000 and `handlerTimeoutMs` + 30_000
   */
  leaseMs?: number | undefined;
  /**
   * Time limit of the handlers of one delivery; past it the answer is 500 and the claim is released.
   * @default three quarters of the sender's documented response deadline (Slack 2.25 s, GitHub 7.5 s), else 30_000
   */
  handlerTimeoutMs?: number | undefined;
  /** Time limit of one store call; past it the store counts as unavailable. @default 2_000 */
  storeTimeoutMs?: number | undefined;
  /** The clock in milliseconds since the epoch, for timestamp checks. @default Date.now */
  clock?: (() => number) | undefined;
  /**
   * Called with every rejection and failure (signature, schema issues in `error.details`,
   * handler errors in `error.cause`), with the delivery id, event type, provider and attempt
   * when known.
   */
  onError?: ((error: WebhookError, context: ErrorContext) => void) | undefined;
  /** Called for every delivery answered 2xx, with its outcome and durations. */
  onDelivered?: ((report: DeliveredReport) => void) | undefined;
  /**
   * Where rejections (`warn`; `error` with the cause for failures on our side) and successes
   * (`debug`) are written: pino, or anything with `{ debug, info, warn, error }` taking the
   * fields first. `false` writes nothing.
   * @default createConsoleLogger() (info and above, on the console)
   */
  logger?: Logger | false | undefined;
  /**
   * Spans and metrics through `@opentelemetry/api` when the application has it installed and
   * an SDK registered (an optional peer dependency: nothing is loaded or recorded otherwise).
   * `false` turns them off for this receiver.
   * @default true
   */
  telemetry?: boolean | undefined;
  /**
   * Queue mode: instead of running the handlers, hand each verified, fresh, de-duplicated and
   * valid delivery to this dispatcher (`queueDispatch` of `@hookgate/bullmq`) and answer 200
   * `{"ok":true,"queued":true}` once it holds the delivery; 503 `QUEUE_UNAVAILABLE` if it fails.
   * Workers run the handlers with {@link Receiver.runDispatched}. Pair it with a store that every
   * web instance and worker shares (`@hookgate/redis`): with the memory store the receiver logs a
   * `warn` at creation, unless it was made with `createMemoryStore({ singleProcess: true })`.
   * @default undefined (handlers run inline, before the answer)
   */
  dispatch?: Dispatcher | undefined;
  /** Called for a verified delivery whose event type has no schema or no handler; it is acknowledged with 200. */
  onUnhandled?: ((payload: unknown, context: Omit<DeliveryContext, 'signal'>) => void) | undefined;
}
