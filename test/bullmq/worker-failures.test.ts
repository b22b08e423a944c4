// What a worker says about failed jobs: a handler's failure once (runDispatched reports it, with
// the job), and a failure BullMQ makes by itself (a job stalled too often, a lost lock), which
// no hookgate code sees otherwise, once at error.
import { queueDispatch, startWorker } from '@hookgate/bullmq';
import { createMemoryStore, createReceiver, type Logger } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { REDIS_URL, waitFor } from '../redis/redis-support.js';

const SECRET = 'whsec_worker_failures_secret';
const queueName = `failures-${process.pid}-${Date.now().toString(36)}`;
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const cleanUp: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

it('logs a handler failure once, and a failure BullMQ makes itself once at error', async () => {
  const dispatcher = queueDispatch({ connection, queueName, prefix, jobOptions: { attempts: 1 } });
  cleanUp.push(
    () => connection.quit(),
    () => dispatcher.queue.obliterate({ force: true }),
  );
  const lines: string[] = [];
  const record =
    (level: string) =>
    (_fields: Record<string, unknown>, message: string): void =>
      void lines.push(`${level} ${message}`);
  const logger: Logger = {
    debug: () => {},
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.object({ id: z.string() }) },
    store: createMemoryStore({ singleProcess: true }),
    dispatch: dispatcher,
    logger,
  }).on('invoice.paid', () => {
    throw new Error('ERP unreachable');
  });
  const body = JSON.stringify({ id: 'evt_worker_failure', type: 'invoice.paid' });
  const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  expect((await receiver.handle({ method: 'POST', headers, body })).status).toBe(200);

  const worker = startWorker(receiver, { connection, queueName, prefix, logger });
  cleanUp.push(() => worker.close());
  const failed: Error[] = [];
  worker.on('failed', (_job, error) => void failed.push(error));
  await waitFor(() => failed.length === 1, 10_000, 'the job to fail');
  expect(lines.filter((line) => line.includes('failed'))).toEqual([
    expect.stringMatching(/^error job .+ \(attempt 1 of 1\) failed HANDLER_FAILED/),
  ]);

  // What BullMQ emits for a job that stalled more than maxStalledCount times.
  const stalled = { id: 'job-stalled', attemptsMade: 1, opts: { attempts: 3 } } as unknown as Job;
  worker.emit('failed', stalled, new Error('job stalled more than allowable limit'), 'active');
  expect(lines.at(-1)).toBe(
    `error job job-stalled of queue ${queueName} failed outside its handlers (job stalled more than allowable limit); BullMQ keeps it in the failed set once its attempts are spent`,
  );
});
