import { type DispatchedDelivery, type Dispatcher, WebhookError } from '@hookgate/core';
import { type ConnectionOptions, type DefaultJobOptions, Queue } from 'bullmq';
import { deliveryJobOptions, jobIdOf } from './job-options.js';

/** Options of {@link queueDispatch}. */
export interface QueueDispatchOptions {
  /** How BullMQ reaches Redis: ioredis options, an ioredis `Redis` or `Cluster`, or a client BullMQ accepts. */
  connection: ConnectionOptions;
  /** The queue's name; workers of the same name run its jobs. No `:` (BullMQ's rule). */
  queueName: string;
  /** BullMQ's key prefix; use a hash tag such as `{hookgate}` on Redis Cluster. @default 'bull' */
  prefix?: string | undefined;
  /** Job options over {@link deliveryJobOptions} (attempts, backoff, retention of finished jobs). */
  jobOptions?: DefaultJobOptions | undefined;
  /** Time limit of one add; past it the receiver answers 503 and releases its claim. @default 2_000 */
  timeoutMs?: number | undefined;
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
  assertUsableConnection(options.connection);
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

/**
 * BullMQ checks the Redis version as soon as the queue exists, once. An ioredis `Cluster` that
 * refuses commands until it has loaded its slots (`enableOfflineQueue: false`) and is not ready
 * yet fails that check, and the queue then fails every add for good: every delivery would be
 * answered 503. Refused at startup instead, with what to do.
 */
function assertUsableConnection(connection: ConnectionOptions): void {
  const cluster = connection as {
    isCluster?: unknown | undefined;
    status?: unknown | undefined;
    options?: { enableOfflineQueue?: unknown } | undefined;
  };
  if (
    cluster.isCluster !== true ||
    cluster.options?.enableOfflineQueue !== false ||
    cluster.status === 'ready'
  ) {
    return;
  }
  throw new WebhookError(
    'INVALID_CONFIGURATION',
    'queueDispatch got an ioredis Cluster with enableOfflineQueue: false that is not ready yet; BullMQ would ' +
      "fail its first command and then every delivery: await new Promise((resolve) => cluster.once('ready', resolve)) " +
      'before calling queueDispatch (or leave the offline queue on: timeoutMs still bounds each add)',
  );
}
