import type { DispatchedDelivery } from '@hookgate/core';
import type { Job, Queue } from 'bullmq';

/** A delivery whose job spent all its attempts, as `hookgate jobs failed` shows it. */
export interface DeadLetter {
  /** The BullMQ job id (the delivery's percent-encoded idempotency key). */
  id: string;
  /** The delivery id handlers saw. */
  deliveryId: string;
  /** The event type. */
  eventType: string;
  /** The scheme's name. */
  scheme: string;
  /** Runs made. */
  attemptsMade: number;
  /** The last error's message. */
  failedReason: string;
  /** The stack of each failed run, oldest first. */
  stacktrace: string[];
  /** When the receiver accepted the delivery (ms since the epoch). */
  receivedAt: number;
  /** When the last run failed (ms since the epoch). */
  failedAt: number | undefined;
  /** The delivery as the receiver queued it (no signature, no secret). */
  delivery: DispatchedDelivery;
}

/**
 * The dead letters of a queue: jobs in BullMQ's failed set, newest first.
 *
 * @example
 * ```ts
 * for (const letter of await listDeadLetters(dispatcher.queue)) console.log(letter.id, letter.failedReason);
 * ```
 */
export async function listDeadLetters(queue: Queue, limit = 1_000): Promise<DeadLetter[]> {
  const jobs = (await queue.getFailed(0, limit - 1)) as Job<DispatchedDelivery>[];
  return jobs.filter(Boolean).map((job) => ({
    id: job.id ?? '',
    deliveryId: job.data?.deliveryId ?? '',
    eventType: job.data?.eventType ?? job.name,
    scheme: job.data?.scheme ?? '',
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? '',
    stacktrace: job.stacktrace ?? [],
    receivedAt: job.data?.receivedAt ?? job.timestamp,
    failedAt: job.finishedOn,
    delivery: job.data,
  }));
}

/** What {@link replayDeadLetters} did. */
export interface ReplayResult {
  /** Jobs moved back to waiting, with all their attempts again. */
  replayed: string[];
  /** Requested ids that are not in the failed set (unknown, or replayed already). */
  missing: string[];
}

/**
 * Puts dead letters back in the queue with a fresh set of attempts: the given ids, or every
 * failed job with `'all'`. A replayed delivery runs its handlers once: its failed runs
 * released their claim, and one that succeeded in the meantime is skipped by the store.
 *
 * @example
 * ```ts
 * const { replayed } = await replayDeadLetters(dispatcher.queue, 'all');
 * ```
 */
export async function replayDeadLetters(queue: Queue, ids: readonly string[] | 'all'): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: [], missing: [] };
  // `'all'`: the failed set as it is now, by id only (its jobs' data is read one at a time).
  const wanted = ids === 'all' ? await queue.getRanges(['failed'], 0, -1) : ids;
  for (const id of wanted) {
    const job = await queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') {
      result.missing.push(id);
      continue;
    }
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    result.replayed.push(id);
  }
  return result;
}
