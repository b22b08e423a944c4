import { type Scheme, toBytes, type VerifiedSignature, WebhookError } from '@hookgate/signatures';
import { assertDeclared, assertSomeDeclared } from './declare-checks.js';
import { contentReplayKey } from './delivery-key.js';
import type { DeliveryTrace } from './delivery-trace.js';
import type { DispatchedDelivery, DispatchedResult, Dispatcher } from './dispatch.js';
import { dispatchDelivery, toDispatched } from './dispatch.js';
import { deliveryOf, withDelivery } from './failure-context.js';
import { defaultHandlerTimeoutMs } from './handler-timeout.js';
import { type Logger, resolveLogger } from './logger.js';
import { isPromise } from './maybe-promise.js';
import { createMemoryStore } from './memory-store.js';
import { createObserver, type DeliveredReport, type ErrorContext } from './observe.js';
import { parsePayload } from './parse-payload.js';
import { profileOf } from './profiles.js';
import { errorResult, jsonResult, okResult, toWebhookError } from './respond.js';
import { createRouter } from './router.js';
import { createDispatchedRunner, type RunDispatchedOptions } from './run-dispatched.js';
import { runHandlers } from './run-handlers.js';
import type { ClaimResult, IdempotencyStore } from './store.js';
import { callStore } from './store-timeout.js';
import type {
  AnyEventPayload,
  DeliveryContext,
  EventPayload,
  EventSchemas,
  HandleInput,
  HandleResult,
  Handler,
} from './types.js';
import { readWebRequest, toWebResponse } from './web.js';

/** Options of {@link createReceiver}. */
export interface ReceiverOptions<TEvents extends EventSchemas> {
  /** The sender's signature scheme, from `@hookgate/signatures`. */
  scheme: Scheme;
  /** Event type → schema of the whole payload (zod or any Standard Schema). @default {} */
  events?: TEvents;
  /** Where handled delivery ids are kept. @default createMemoryStore() */
  store?: IdempotencyStore;
  /** Largest accepted body, in bytes. @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number;
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
  invalidPayload?: 'reject' | 'ack';
  /**
   * What to do when the store cannot be reached: `reject` answers 503 and runs no handler
   * (fail closed: the sender retries later); `process` runs the handler without de-duplication.
   * @default 'reject'
   */
  storeFailure?: 'reject' | 'process';
  /** How long handled ids are kept. @default the sender's retry horizon (4 days for Stripe) */
  retentionMs?: number;
  /** How long a claim lasts if its process dies mid-handler. Must exceed `handlerTimeoutMs`. @default 60_000 */
  leaseMs?: number;
  /**
   * Time limit of the handlers of one delivery; past it the answer is 500 and the claim is released.
   * @default three quarters of the sender's documented response deadline (Slack 2.25 s, GitHub 7.5 s), else 30_000
   */
  handlerTimeoutMs?: number;
  /** Time limit of one store call; past it the store counts as unavailable. @default 2_000 */
  storeTimeoutMs?: number;
  /** The clock in milliseconds since the epoch, for timestamp checks. @default Date.now */
  clock?: () => number;
  /**
   * Called with every rejection and failure (signature, schema issues in `error.details`,
   * handler errors in `error.cause`), with the delivery id, event type, provider and attempt
   * when known.
   */
  onError?: (error: WebhookError, context: ErrorContext) => void;
  /** Called for every delivery answered 2xx, with its outcome and durations. */
  onDelivered?: (report: DeliveredReport) => void;
  /**
   * Where rejections (`warn`; `error` with the cause for failures on our side) and successes
   * (`debug`) are written: pino, or anything with `{ debug, info, warn, error }` taking the
   * fields first. `false` writes nothing.
   * @default createConsoleLogger() (info and above, on the console)
   */
  logger?: Logger | false;
  /**
   * Spans and metrics through `@opentelemetry/api` when the application has it installed and
   * an SDK registered (an optional peer dependency: nothing is loaded or recorded otherwise).
   * `false` turns them off for this receiver.
   * @default true
   */
  telemetry?: boolean;
  /**
   * Queue mode: instead of running the handlers, hand each verified, fresh, de-duplicated and
   * valid delivery to this dispatcher (`queueDispatch` of `@hookgate/bullmq`) and answer 200
   * `{"ok":true,"queued":true}` once it holds the delivery; 503 `QUEUE_UNAVAILABLE` if it fails.
   * Workers run the handlers with {@link Receiver.runDispatched}.
   * @default undefined (handlers run inline, before the answer)
   */
  dispatch?: Dispatcher;
  /** Called for a verified delivery whose event type has no schema or no handler; it is acknowledged with 200. */
  onUnhandled?: (payload: unknown, context: Omit<DeliveryContext, 'signal'>) => void;
}

/** A webhook receiver: register handlers, then pass it requests. */
export interface Receiver<TEvents extends EventSchemas> {
  /** The largest accepted body, for adapters that read streams. */
  readonly maxBodyBytes: number;
  /** Registers a handler for one event type (a key of `events`). */
  on<K extends keyof TEvents & string>(
    type: K,
    handler: Handler<EventPayload<TEvents, K>>,
  ): Receiver<TEvents>;
  /** Registers a handler for every delivery whose type has a schema, typed as the union. */
  onAny(handler: Handler<AnyEventPayload<TEvents>>): Receiver<TEvents>;
  /**
   * Registers a catch-all: it runs for every verified delivery whatever its type, declared or
   * not, after that type's own handlers, with the parsed payload unvalidated (`unknown`).
   * De-duplicated and retried like any handler; with one registered every verified delivery
   * has a handler, so `onUnhandled` is no longer called.
   */
  onEvery(handler: Handler<unknown>): Receiver<TEvents>;
  /** Runs the pipeline over one request; never throws. */
  handle(input: HandleInput): Promise<HandleResult>;
  /**
   * The answer to a request an adapter refused before the pipeline (body too large or too
   * slow, body consumed by a parser), reported to `onError` like every other rejection.
   */
  reject(error: WebhookError, request: Omit<HandleInput, 'body'>): HandleResult;
  /** The same for a web `Request` (Next.js App Router, Hono, Bun, Deno, Workers). */
  fetch(request: Request): Promise<Response>;
  /**
   * Queue mode, on a worker: validates a dispatched delivery with the same schemas and runs
   * the same handlers once (`ctx.job` tells the attempt). Throws a `WebhookError` for the
   * queue to retry; resolves `duplicate` without running anything if it was handled before.
   */
  runDispatched(delivery: DispatchedDelivery, options: RunDispatchedOptions): Promise<DispatchedResult>;
}

/**
 * Creates a receiver: verify → freshness → parse → claim the delivery id → validate → route
 * → complete or release. Every outcome is a status that makes the sender do the right thing.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({
 *   scheme: stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET! }),
 *   events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
 * });
 * receiver.on('invoice.paid', async (event, ctx) => { await markPaid(event.id); });
 * const { status, headers, body } = await receiver.handle({ method, url, headers, body: rawBytes });
 * ```
 */
export function createReceiver<TEvents extends EventSchemas = Record<never, never>>(
  options: ReceiverOptions<TEvents>,
): Receiver<TEvents> {
  const { scheme } = options;
  const events: EventSchemas = options.events ?? {};
  const store = options.store ?? createMemoryStore();
  const profile = profileOf(scheme.name);
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? defaultHandlerTimeoutMs(profile.responseDeadlineMs);
  const leaseMs = options.leaseMs ?? Math.max(60_000, handlerTimeoutMs + 30_000);
  if (leaseMs <= handlerTimeoutMs) {
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      'leaseMs must exceed handlerTimeoutMs, or a slow handler could run twice',
    );
  }
  // Never forget an id while a captured request could still pass the timestamp check.
  const minRetention = 2 * (scheme.toleranceSeconds ?? 0) * 1000 + 60_000;
  const retainMs = Math.max(options.retentionMs ?? profile.retentionMs, minRetention);
  const storeTimeoutMs = options.storeTimeoutMs ?? 2_000;
  // The same for every delivery: made once, not per store call.
  const claimOptions = { leaseMs };
  const completeOptions = { retainMs };
  const clock = options.clock ?? Date.now;
  const router = createRouter(events, profile.bareNameRouting === true);
  const runDispatched = createDispatchedRunner({
    router,
    store,
    storeTimeoutMs,
    retainMs,
    handlerTimeoutMs,
    invalidPayload: options.invalidPayload ?? 'reject',
    report: (error) => report(error, { method: 'POST', headers: {}, body: '' }),
    onUnhandled: options.onUnhandled,
  });

  const observer = createObserver({
    provider: scheme.name,
    logger: resolveLogger(options.logger),
    onError: options.onError,
    onDelivered: options.onDelivered,
    telemetry: options.telemetry !== false,
  });
  /** Reports a failure that does not change the answer (a store call while settling, an acknowledged mismatch). */
  const report = (error: WebhookError, request: HandleInput, base?: Omit<DeliveryContext, 'signal'>) =>
    observer.failed(error, request, base, undefined, false);

  async function process(input: HandleInput, trace: DeliveryTrace | undefined): Promise<HandleResult> {
    // Unsigned challenges (GET hub.challenge, ?crc_token=, Asana's X-Hook-Secret) come first:
    // most are GETs, which everything else refuses.
    const challenge = scheme.handshake?.challenge ? await scheme.handshake.challenge(input) : undefined;
    if (challenge) {
      if (trace) trace.outcome = 'handshake';
      return challenge;
    }
    if (input.method.toUpperCase() !== 'POST') {
      throw new WebhookError(
        'METHOD_NOT_ALLOWED',
        `${input.method} is not accepted; webhooks are delivered with POST`,
      );
    }
    const body = toBytes(input.body);
    if (body.length > maxBodyBytes) {
      throw new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${maxBodyBytes}-byte limit`);
    }
    let verified: VerifiedSignature;
    const signed = { headers: input.headers, body, url: input.url, now: clock() };
    try {
      verified = await scheme.verify(signed);
      if (trace) trace.verified(verified, signed.now);
    } catch (cause) {
      throw toWebhookError(
        cause,
        () =>
          new WebhookError('INVALID_SECRET', 'signature verification failed unexpectedly (secret lookup?)'),
      );
    }
    const payload = parsePayload(body, input.headers);
    const answer = scheme.handshake?.respond
      ? await scheme.handshake.respond(payload, signed, verified)
      : undefined;
    if (answer) {
      if (trace) trace.outcome = 'handshake';
      return answer;
    }
    // Senders that expect another success answer than `{"ok":true}` (Discord's 204).
    const acknowledged = profile.acknowledge?.(payload);

    const eventType =
      options.eventType?.(payload, input) ?? profile.eventType(payload, input.headers) ?? 'unknown';
    // The store key must come from signed data, or a replay could dodge it with a new header.
    const customId = options.deliveryId?.(payload, input, verified);
    const signedId =
      customId ?? (scheme.signsDeliveryId ? verified.id : undefined) ?? profile.payloadId?.(payload);
    let replayKey = signedId ?? contentReplayKey(verified, body);
    if (typeof replayKey !== 'string') replayKey = await replayKey;
    const deliveryId = customId ?? verified.id ?? signedId ?? replayKey;
    const base = {
      deliveryId,
      eventType,
      scheme: scheme.name,
      timestamp: verified.timestamp,
      attempt: profile.attempt?.(input.headers),
      headers: input.headers,
      verified,
    };
    if (trace) trace.identify(base);

    const route = router.resolve(eventType);
    if (route.handlers.length === 0) {
      options.onUnhandled?.(payload, base);
      if (trace) trace.outcome = 'unhandled';
      return acknowledged ?? okResult();
    }

    const key = `${scheme.name}:${replayKey}`;
    let claim: ClaimResult;
    try {
      const claiming = callStore(() => store.claim(key, claimOptions), storeTimeoutMs);
      claim = isPromise(claiming) ? await claiming : claiming;
    } catch (error) {
      if (options.storeFailure !== 'process') throw withDelivery(error, base);
      report(error as WebhookError, input, base);
      claim = { status: 'claimed', token: '' };
    }
    // An empty token means the store was down and `storeFailure: 'process'` let us go on.
    if (claim.status === 'completed') {
      if (trace) trace.outcome = 'duplicate';
      return acknowledged ?? jsonResult(200, { ok: true, duplicate: true });
    }
    if (claim.status === 'in-flight') {
      throw withDelivery(
        new WebhookError(
          'DELIVERY_IN_FLIGHT',
          'this delivery is being handled by another request; retry later',
        ),
        base,
      );
    }
    const { token } = claim;
    const complete = token ? () => store.complete(key, token, completeOptions) : undefined;
    const release = token ? () => store.release(key, token) : undefined;

    let payloads: unknown[];
    try {
      const validating = router.validate(route, payload, eventType);
      payloads = isPromise(validating) ? await validating : validating;
    } catch (error) {
      // A validator that throws (a bug, a stack overflow) is not a mismatch: acknowledging it
      // would drop the delivery for good. It fails like a handler and stays retryable.
      const mismatch = toWebhookError(
        error,
        () => new WebhookError('INTERNAL_ERROR', 'the schema validation threw; the delivery stays retryable'),
      );
      if (options.invalidPayload === 'ack' && mismatch.code === 'SCHEMA_MISMATCH') {
        report(mismatch, input, base);
        await settle(complete, input, base);
        if (trace) trace.outcome = 'dropped';
        return acknowledged ?? okResult();
      }
      await settle(release, input, base);
      throw withDelivery(mismatch, base);
    }

    if (options.dispatch) {
      await dispatchDelivery(options.dispatch, toDispatched(key, base, payload)).catch(
        async (error: unknown) => {
          await settle(release, input, base);
          throw withDelivery(error, base);
        },
      );
      // The queue holds it. The completion is queued on the store's connection now but not
      // awaited: the answer saves a round trip, and a duplicate meanwhile finds the claim in
      // flight (409, retried; no job), as during the add. If it fails (reported), the lease
      // runs out and the job id still refuses a second job (bullmq README: Duplicates).
      void settle(complete, input, base);
      if (trace) trace.outcome = 'queued';
      return acknowledged ?? jsonResult(200, { ok: true, queued: true });
    }

    let value: unknown;
    try {
      value = trace
        ? observer.handlers(trace, () => runHandlers(route.handlers, payloads, base, handlerTimeoutMs))
        : runHandlers(route.handlers, payloads, base, handlerTimeoutMs);
      if (isPromise(value)) value = await value;
    } catch (error) {
      await settle(release, input, base);
      throw withDelivery(error, base);
    }
    // The handlers succeeded: answer 200 even if recording it fails (the lease then expires
    // and a retry may run it again: at-least-once is the only honest promise left).
    const completing = settle(complete, input, base);
    if (completing) await completing;
    if (acknowledged) return acknowledged;
    return value === undefined ? okResult() : jsonResult(200, value);
  }

  /**
   * Completes or releases a claim; a store failure is reported and changes no answer.
   * Synchronous when the store is, so that `await settle(…)` costs one microtask turn at most.
   */
  function settle(
    operation: (() => void | Promise<void>) | undefined,
    request: HandleInput,
    base: Omit<DeliveryContext, 'signal'>,
  ): void | Promise<void> {
    if (!operation) return;
    try {
      const done = callStore(operation, storeTimeoutMs);
      if (isPromise(done))
        return done.then(undefined, (error: unknown) => report(error as WebhookError, request, base));
    } catch (error) {
      report(error as WebhookError, request, base);
    }
  }

  const receiver: Receiver<TEvents> = {
    maxBodyBytes,
    runDispatched,
    on(type, handler) {
      assertDeclared(events, type);
      router.on(type, handler as Handler<unknown>);
      return receiver;
    },
    onAny(handler) {
      assertSomeDeclared(events);
      router.onAny(handler as Handler<unknown>);
      return receiver;
    },
    onEvery(handler) {
      router.onEvery(handler);
      return receiver;
    },
    async handle(input) {
      const loading = observer.loading();
      if (loading) await loading;
      const trace = observer.begin();
      try {
        const result = await (trace
          ? observer.within(trace, () => process(input, trace))
          : process(input, trace));
        observer.delivered(trace, result);
        return result;
      } catch (thrown) {
        const error = toWebhookError(
          thrown,
          () => new WebhookError('INTERNAL_ERROR', 'the delivery failed unexpectedly; it stays retryable'),
        );
        observer.failed(error, input, deliveryOf(thrown), trace);
        return errorResult(error);
      }
    },
    reject(error, request) {
      observer.failed(error, { ...request, body: '' }, undefined, observer.begin());
      return errorResult(error);
    },
    async fetch(request) {
      const read = await readWebRequest(request, maxBodyBytes);
      if (read instanceof WebhookError) {
        return toWebResponse(
          receiver.reject(read, { method: request.method, url: request.url, headers: request.headers }),
        );
      }
      return toWebResponse(await receiver.handle(read));
    },
  };
  return receiver;
}
