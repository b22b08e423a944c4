import { toBytes, type VerifiedSignature, WebhookError } from '@hookgate/signatures';
import { contentReplayKey } from './delivery-key.js';
import type { DeliveryTrace } from './delivery-trace.js';
import { dispatchDelivery, toDispatched } from './dispatch.js';
import { withDelivery } from './failure-context.js';
import { isPromise } from './maybe-promise.js';
import type { Observer } from './observe.js';
import { parsePayload } from './parse-payload.js';
import type { ReceiverOptions } from './receiver-options.js';
import type { ReceiverSettings } from './receiver-settings.js';
import { hookFailed, jsonResult, leaseLost, okResult, queuedResult, toWebhookError } from './respond.js';
import type { Router } from './router.js';
import { runHandlers } from './run-handlers.js';
import type { ClaimResult, CompleteResult } from './store.js';
import { callStore } from './store-timeout.js';
import type { DeliveryContext, EventSchemas, HandleInput, HandleResult } from './types.js';
import { callHook } from './user-hook.js';

/**
 * Reports a failure that does not change the answer (a store call while settling, an
 * acknowledged mismatch, a hook that threw), on the delivery's trace when it has one.
 */
export type ReportFailure = (
  error: WebhookError,
  request: HandleInput,
  base?: Omit<DeliveryContext, 'signal'>,
  trace?: DeliveryTrace,
) => void;

/** What {@link createPipeline} works with: the receiver's options and what was built from them. */
export interface PipelineParts {
  options: ReceiverOptions<EventSchemas>;
  settings: ReceiverSettings;
  router: Router;
  observer: Observer;
  report: ReportFailure;
  /** Counts work that goes on after the answer (queue mode's completion) until it settles. */
  track: (work: void | Promise<void>) => void;
}

/** One delivery through the pipeline: its answer, or a thrown error for the receiver to answer. */
export type Pipeline = (input: HandleInput, trace: DeliveryTrace | undefined) => Promise<HandleResult>;

/**
 * The receiver's pipeline: handshake → method and size → verify → parse → identify → claim →
 * validate → run the handlers (or dispatch to the queue) → complete or release. Throws a
 * `WebhookError` (with the delivery's facts attached) for every refusal; the receiver turns it
 * into the answer and reports it.
 */
export function createPipeline(parts: PipelineParts): Pipeline {
  const { options, router, observer, report, track } = parts;
  const { scheme } = options;
  const {
    profile,
    store,
    maxBodyBytes,
    handlerTimeoutMs,
    storeDeadlineMs,
    claimOptions,
    completeOptions,
    clock,
  } = parts.settings;

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
    const payload = parsePayload(body, input.headers, profile.forms === true);
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

    const key = `${scheme.name}:${replayKey}`;
    let claim: ClaimResult;
    try {
      const claiming = callStore(() => store.claim(key, claimOptions), storeDeadlineMs);
      claim = isPromise(claiming) ? await claiming : claiming;
    } catch (error) {
      if (options.storeFailure !== 'process') throw withDelivery(error, base);
      report(error as WebhookError, input, base, trace);
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

    const route = router.resolve(eventType);
    if (route.handlers.length === 0) {
      // Claimed and recorded like any delivery: where the event type comes from an unsigned
      // header (GitHub, Shopify), a captured delivery of a type nobody handles, resent under a
      // handled type, must find its key taken, not run that type's handlers.
      const { onUnhandled } = options;
      if (onUnhandled) {
        callHook(
          () => onUnhandled(payload, base),
          (cause) => report(hookFailed('onUnhandled', cause), input, base, trace),
        );
      }
      await settle(complete, input, base, trace);
      if (trace) trace.outcome = 'unhandled';
      return acknowledged ?? okResult();
    }

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
        report(mismatch, input, base, trace);
        await settle(complete, input, base, trace);
        if (trace) trace.outcome = 'dropped';
        return acknowledged ?? okResult();
      }
      await settle(release, input, base, trace);
      throw withDelivery(mismatch, base);
    }

    if (options.dispatch) {
      await dispatchDelivery(options.dispatch, toDispatched(key, base, payload)).catch(
        async (error: unknown) => {
          await settle(release, input, base, trace);
          throw withDelivery(error, base);
        },
      );
      // The queue holds it. The completion is queued on the store's connection now but not
      // awaited: the answer saves a round trip, and a duplicate meanwhile finds the claim in
      // flight (409, retried; no job), as during the add. If it fails (reported), the lease
      // runs out and the job id still refuses a second job (bullmq README: Duplicates).
      // `receiver.close()` waits for it, so that a shutdown does not cut it off.
      track(settle(complete, input, base, trace));
      if (trace) trace.outcome = 'queued';
      return acknowledged ?? queuedResult();
    }

    let value: unknown;
    try {
      value = trace
        ? observer.handlers(trace, () => runHandlers(route.handlers, payloads, base, handlerTimeoutMs))
        : runHandlers(route.handlers, payloads, base, handlerTimeoutMs);
      if (isPromise(value)) value = await value;
    } catch (error) {
      await settle(release, input, base, trace);
      throw withDelivery(error, base);
    }
    // The handlers succeeded: answer 200 even if recording it fails (the lease then expires
    // and a retry may run it again: at-least-once is the only honest promise left).
    const completing = settle(complete, input, base, trace);
    if (completing) await completing;
    if (acknowledged) return acknowledged;
    return value === undefined ? okResult() : jsonResult(200, value);
  }

  /**
   * Completes or releases a claim; a store failure, or a completion the store could not record
   * because the claim had expired (`false`), is reported and changes no answer. Synchronous
   * when the store is, so that `await settle(…)` costs one microtask turn at most.
   */
  function settle(
    operation: (() => CompleteResult | Promise<CompleteResult>) | undefined,
    request: HandleInput,
    base: Omit<DeliveryContext, 'signal'>,
    trace: DeliveryTrace | undefined,
  ): void | Promise<void> {
    if (!operation) return;
    const settled = (result: CompleteResult) => {
      if (result === false) report(leaseLost(), request, base, trace);
    };
    try {
      const done = callStore(operation, storeDeadlineMs);
      if (isPromise(done))
        return done.then(settled, (error: unknown) => report(error as WebhookError, request, base, trace));
      settled(done);
    } catch (error) {
      report(error as WebhookError, request, base, trace);
    }
  }

  return process;
}
