const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The delays (ms) a sender waits before each retry of a failed delivery: the first entry is
 * the wait before the second attempt. Where the provider publishes its schedule it is used as
 * published; where it only gives the horizon the schedule is an exponential approximation.
 * {@link simulate} uses them for its `retries` scenario.
 *
 * @example
 * ```ts
 * await simulate(receiver, scheme, { type: 'retries', clock, schedule: senderBackoff.stripe!.slice(0, 3) });
 * ```
 */
export const senderBackoff: Record<string, readonly number[]> = {
  // Svix "Retry schedule": immediately (the first attempt), then 5 s, 5 min, 30 min, 2 h, 5 h,
  // 10 h and 10 h after each failure: eight attempts in all.
  'standard-webhooks': [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  svix: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  // Stripe: "for up to three days with an exponential back off" (approximation).
  stripe: [
    MINUTE,
    5 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    8 * HOUR,
    16 * HOUR,
    24 * HOUR,
    24 * HOUR,
  ],
  // Slack Events API: three retries, "nearly immediately", after 1 minute, after 5 minutes.
  slack: [SECOND, MINUTE, 5 * MINUTE],
  // Shopify: 8 retries over 4 hours (approximation of its exponential schedule).
  shopify: [MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE, 32 * MINUTE, 64 * MINUTE, 113 * MINUTE],
  // GitHub does not retry a failed delivery; only a manual redelivery sends it again.
  github: [],
};

/** The retry delays of the sender of `schemeName`, or a generic exponential schedule. */
export function backoffOf(schemeName: string): readonly number[] {
  return Object.hasOwn(senderBackoff, schemeName)
    ? senderBackoff[schemeName]!
    : [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 8 * HOUR];
}
