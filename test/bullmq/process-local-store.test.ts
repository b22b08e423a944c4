// startWorker given a receiver whose idempotency store only its process sees: the worker's
// `handled:<key>` claims, which keep a job's handlers from running twice, are then invisible to
// the other workers and lost on restart. It says so once, at startup, through its logger.
import { startWorker } from '@hookgate/bullmq';
import { createMemoryStore, createReceiver, type IdempotencyStore, type Logger } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { stripe } from '@hookgate/signatures';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { REDIS_URL } from '../redis/redis-support.js';

const queueName = `process-local-${process.pid}-${Date.now().toString(36)}`;
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const storeClient = new Redis(REDIS_URL);
const workers: Worker[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const worker of workers.splice(0)) await worker.close();
});
afterAll(async () => {
  await connection.quit();
  await storeClient.quit();
});

/** The warnings `startWorker` writes for a worker receiver (no `dispatch`) with `store`. */
function workerWarnings(store: IdempotencyStore | undefined): string[] {
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (_fields, message) => void warnings.push(message),
    error: () => {},
  };
  const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_worker_store' }), store, logger: false });
  workers.push(startWorker(receiver, { connection, queueName, prefix, logger }));
  return warnings;
}

it('warns once when the receiver keeps its claims in this process, saying what breaks and what to use', () => {
  for (const store of [undefined, createMemoryStore()]) {
    const warnings = workerWarnings(store);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(`^worker of queue ${queueName}: the receiver's idempotency store is local`),
    );
    expect(warnings[0]).toMatch(/runs its handlers again/);
    expect(warnings[0]).toMatch(/createRedisStore\(\{ client \}\) from @hookgate\/redis/);
  }
});

it('stays quiet with a shared store, or a memory store declared singleProcess', () => {
  expect(workerWarnings(createRedisStore({ client: storeClient, prefix: `${prefix}:${queueName}` }))).toEqual(
    [],
  );
  expect(workerWarnings(createMemoryStore({ singleProcess: true }))).toEqual([]);
});

it('writes through the default console logger', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_worker_store' }), logger: false });
  workers.push(startWorker(receiver, { connection, queueName, prefix }));
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]?.[0]).toMatch(/^hookgate: worker of queue .+ local to this process/);
});
