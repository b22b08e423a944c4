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
  for (const [name, value] of [
    ['leaseMs', options.leaseMs],
    ['retentionMs', options.retentionMs],
    ['handlerTimeoutMs', options.handlerTimeoutMs],
    ['storeTimeoutMs', options.storeTimeoutMs],
  ] as const) {
    // Stores keep the first two as TTLs: an infinite one is refused by Redis (a 503 on every
    // delivery) and lost in a Durable Object's JSON (every id forgotten at once). A string
    // (`'5000'`, read from the environment) would be concatenated into the lease, a NaN time
    // every handler out.
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new WebhookError(
        'INVALID_CONFIGURATION',
        `${name} must be a finite number of milliseconds above 0 (got ${describe(value)})`,
      );
    }
  }
  const { maxBodyBytes } = options;
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 1)) {
    // NaN, 0 or '1mb' would refuse every delivery with a 413 the sender does not retry.
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      `maxBodyBytes must be a whole number of bytes, at least 1 (got ${describe(maxBodyBytes)})`,
    );
  }
  if (leaseMs <= handlerTimeoutMs) {
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      'leaseMs must exceed handlerTimeoutMs, or a slow handler could run twice',
    );
  }
  // Never forget an id while a captured request could still pass the timestamp check. With the
  // check off (`tolerance: Infinity`) no retention is long enough: the sender's own is kept.
  const window = scheme.toleranceSeconds ?? 0;
  const minRetention = Number.isFinite(window) ? 2 * window * 1000 + 60_000 : 0;
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
    maxBodyBytes: maxBodyBytes ?? 1_048_576,
    handlerTimeoutMs,
    storeDeadlineMs: storeBoundsItself ? undefined : storeTimeoutMs,
    retainMs,
    claimOptions: { leaseMs },
    completeOptions: { retainMs },
    clock: options.clock ?? Date.now,
  };
}

/** A misconfigured value as a message may show it: numbers and short strings, never more. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20));
  return typeof value === 'number' ? String(value) : typeof value;
}
