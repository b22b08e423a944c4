import type { DefaultJobOptions } from 'bullmq';

/**
 * The job options of a webhook delivery, chosen to outlast a day-long outage of whatever the
 * handlers call: 12 runs with exponential backoff from 45 s (45 s, 90 s, 3 min, … 12.8 h; the
 * eleven waits add up to about 25.6 hours), ±20 % jitter so that a backlog does not retry in
 * one burst. A job that exhausts them stays in the failed set (the dead letters) with its
 * error, stack and delivery until a person replays or removes it. Completed jobs are kept for
 * a day (their id also stops a second job for the same delivery while they are kept).
 */
export const deliveryJobOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 45_000, jitter: 0.2 },
  removeOnComplete: { age: 86_400, count: 100_000 },
  removeOnFail: false,
} as const satisfies DefaultJobOptions;

/**
 * The BullMQ job id of a delivery: its idempotency key (`<scheme>:<replay key>`), which makes
 * the queue refuse a second job for the same delivery. BullMQ forbids `:` in custom ids and
 * integer ids, so the key is percent-encoded; it always starts with the scheme's name.
 */
export function jobIdOf(key: string): string {
  return encodeURIComponent(key);
}
