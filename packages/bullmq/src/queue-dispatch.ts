import type { DispatchedDelivery, Dispatcher } from '@hookgate/core';
import { type ConnectionOptions, type DefaultJobOptions, Queue } from 'bullmq';
import { deliveryJobOptions, jobIdOf } from './job-options.js';

/** Options of {@link queueDispatch}. */
export interface QueueDispatchOptions {
  /** How BullMQ reaches Redis: ioredis options, an ioredis `Redis` or `Cluster`, or a client BullMQ accepts. */
  connection: ConnectionOptions;
  /** The queue's name; workers of the same name run its jobs. No `:` (BullMQ's rule). */
  queueName: string;
  /** BullMQ's key prefix; use a hash tag such as `{hookgate}` on Redis Cluster. @default 'bull' */
  prefix?: string;
  /** Job options over {@link deliveryJobOptions} (attempts, backoff, retention of finished jobs). */
  jobOptions?: DefaultJobOptions;
  /** Time limit of one add; past it the receiver answers 503 and releases its claim. @default 2_000 */
  timeoutMs?: number;
}

/** A dispatcher that adds one BullMQ job per delivery, and the queue it adds to. */
export interface QueueDispatcher extends Dispatcher {
  /** The BullMQ queue (for bull-board, metrics, or `close`). */
  readonly queue: Queue<DispatchedDelivery>;
  /** Closes the queue's Redis connections. */
  close(): Promise<void>;
}

/**
 * Queue mode for a receiver: each verified, fresh, de-duplicated and valid delivery becomes
 * a BullMQ job whose id is the delivery's idempotency key, and the receiver answers 200 once
 * Redis accepted the add. Run the handlers with {@link startWorker} in worker processes.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({
 *   scheme: stripe({ secret }), events, store: createRedisStore({ client }),
 *   dispatch: queueDispatch({ connection: { host: '127.0.0.1', port: 6379 }, queueName: 'webhooks-stripe' }),
 * });
 * ```
 */
export function queueDispatch(options: QueueDispatchOptions): QueueDispatcher {
  const queue = new Queue<DispatchedDelivery>(options.queueName, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: { ...deliveryJobOptions, ...options.jobOptions },
  });
  // An unreachable Redis shows in the answers (503); without a listener it would crash the process.
  queue.on('error', () => {});
  return {
    queue,
    timeoutMs: options.timeoutMs ?? 2_000,
    async dispatch(delivery) {
      // The same id for every copy of a delivery: BullMQ keeps the first job and adds no other.
      await queue.add(delivery.eventType, delivery, { jobId: jobIdOf(delivery.key) });
    },
    close: () => queue.close(),
  };
}
