import type { VerifiedSignature } from '@hookgate/signatures';
import type { DeliveryContext } from './types.js';

/** How a delivery ended: the first five are answered 2xx, `rejected` is every refusal. */
export type DeliveryOutcome =
  | 'handled'
  | 'queued'
  | 'duplicate'
  | 'unhandled'
  | 'handshake'
  | 'dropped'
  | 'rejected';

/**
 * What is measured about one delivery while it runs. Made only when something reads it (a
 * success hook, a debug logger, a registered OpenTelemetry SDK): otherwise the pipeline reads
 * no clock and allocates nothing for observation.
 */
export class DeliveryTrace {
  readonly provider: string;
  /** When the receiver started on it (`handle` or `reject` was called). */
  readonly startedAt: number;
  /** When the request arrived (before its body was read), where the adapter said; else `startedAt`. */
  readonly receivedAt: number;
  verifiedAt: number | undefined;
  endedAt = 0;
  handlersMs: number | undefined;
  outcome: DeliveryOutcome = 'handled';
  code: string | undefined;
  deliveryId: string | undefined;
  eventType: string | undefined;
  retry: number | undefined;
  secretIndex: number | undefined;
  skewSeconds: number | undefined;
  /** The receive span, when tracing (an OpenTelemetry `Span`). */
  span: unknown;

  constructor(provider: string, receivedAt: number | undefined) {
    this.provider = provider;
    this.startedAt = performance.now();
    this.receivedAt = arrivalReading(receivedAt, this.startedAt) ?? this.startedAt;
  }

  /** Records the end of verification, the secret that matched and the clock skew. */
  verified(verified: VerifiedSignature, now: number): void {
    this.verifiedAt = performance.now();
    this.secretIndex = verified.secretIndex;
    const { timestamp } = verified;
    // Most senders sign seconds; Linear signs milliseconds.
    if (timestamp !== undefined)
      this.skewSeconds = (now - (timestamp > 1e11 ? timestamp : timestamp * 1000)) / 1000;
  }

  /** Records what the delivery is, once known. */
  identify(base: Omit<DeliveryContext, 'signal'>): void {
    this.deliveryId = base.deliveryId;
    this.eventType = base.eventType;
    this.retry = base.attempt?.retry;
  }
}

/**
 * `receivedAt` when it is a `performance.now()` reading taken before `now`, else `undefined`: a
 * reading from another clock (`Date.now()`, a negative, future or NaN value) would make nonsense
 * of every duration, so it is ignored.
 */
export function arrivalReading(receivedAt: number | undefined, now: number): number | undefined {
  return receivedAt !== undefined && receivedAt >= 0 && receivedAt <= now ? receivedAt : undefined;
}
