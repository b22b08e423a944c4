import { WebhookError } from '@hookgate/signatures';
import { defaultHandlerTimeoutMs } from './handler-timeout.js';
import { createMemoryStore } from './memory-store.js';
import { profileOf, type SchemeProfile } from './profiles.js';
import type { ReceiverOptions } from './receiver-options.js';
import type { IdempotencyStore } from './store.js';
import type { EventSchemas } from './types.js';

/** What a receiver derives once from its options: its limits, with the sender's defaults filled in. */
export interface ReceiverSettings {
  /** What core knows of the sender: event type and id locations, deadline, retention. */
  profile: SchemeProfile;
  store: IdempotencyStore;
  maxBodyBytes: number;
  handlerTimeoutMs: number;
  /**
   * The time limit the receiver puts on each store call; `undefined` when the store's own
   * (`callTimeoutMs`) is already as short.
   */
  storeDeadlineMs: number | undefined;
  /** How long handled ids are kept: never shorter than a captured request stays fresh. */
  retainMs: number;
  /** The store's claim and complete options, the same for every delivery: made once, not per call. */
  claimOptions: { leaseMs: number };
  completeOptions: { retainMs: number };
  clock: () => number;
}

/**
 * Fills in a receiver's defaults (most from the sender's profile) and refuses settings that
 * could not keep the receiver's promises, at startup rather than on the first delivery.
 */
export function resolveSettings(options: ReceiverOptions<EventSchemas>): ReceiverSettings {
  const { scheme } = options;
  const profile = profileOf(scheme.name);
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
  const store = options.store ?? createMemoryStore();
  const storeTimeoutMs = options.storeTimeoutMs ?? 2_000;
  // Trusted only as a real limit: a missing, zero or non-finite one keeps the receiver's timer.
  const ownLimit = store.callTimeoutMs;
  const storeBoundsItself =
    ownLimit !== undefined && ownLimit > 0 && Number.isFinite(ownLimit) && ownLimit <= storeTimeoutMs;
  return {
    profile,
    store,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    handlerTimeoutMs,
    storeDeadlineMs: storeBoundsItself ? undefined : storeTimeoutMs,
    retainMs,
    claimOptions: { leaseMs },
    completeOptions: { retainMs },
    clock: options.clock ?? Date.now,
  };
}
