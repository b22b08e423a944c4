// What a worker says about failed jobs, once each, in the receiver's logger and its onError
// hook (where users wire their error tracker): a handler's failure (runDispatched reports it,
// with the job), and a failure BullMQ makes by itself, which no hookgate code sees otherwise:
// here a job whose worker took it and died (it never renews its lock), stalled past
// `maxStalledCount: 0`, which BullMQ fails as `job stalled more than allowable limit`.
import { queueDispatch, startWorker } from '@hookgate/bullmq';
import {
  createMemoryStore,
  createReceiver,
  type ErrorContext,
  type Logger,
  type WebhookError,
} from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { REDIS_URL, sleep, waitFor } from '../redis/redis-support.js';

const SECRET = 'whsec_worker_failures_secret';
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const cleanUp: (() => Promise<unknown>)[] = [() => connection.quit()];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

/** A receiver in queue mode on a fresh queue, its log lines and its onError reports. */
function setUp(name: string, attempts: number) {
  const queueName = `failures-${name}-${process.pid}-${Date.now().toString(36)}`;
  const dispatcher = queueDispatch({ connection, queueName, prefix, jobOptions: { attempts, backoff: 0 } });
  cleanUp.push(() => dispatcher.queue.obliterate({ force: true }));
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
  const reports: { error: WebhookError; context: ErrorContext }[] = [];
  const handled: string[] = [];
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.object({ id: z.string() }) },
    store: createMemoryStore({ singleProcess: true }),
    dispatch: dispatcher,
    logger,
    onError: (error, context) => void reports.push({ error, context }),
  }).on('invoice.paid', (event) => {
    handled.push(event.id);
    throw new Error('ERP unreachable');
  });
  const deliver = async (id: string) => {
    const body = JSON.stringify({ id, type: 'invoice.paid' });
    const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
    expect((await receiver.handle({ method: 'POST', headers, body })).status).toBe(200);
  };
  return { queueName, dispatcher, receiver, lines, logger, reports, handled, deliver };
}

it('reports a handler failure once, with the job, in the logger and onError', async () => {
  const { queueName, receiver, lines, logger, reports, deliver } = setUp('handler', 1);
  await deliver('evt_worker_failure');
  const worker = startWorker(receiver, { connection, queueName, prefix, logger });
  cleanUp.push(() => worker.close());
  const failed: Error[] = [];
  worker.on('failed', (_job, error) => void failed.push(error));
  await waitFor(() => failed.length === 1, 10_000, 'the job to fail');
  expect(lines.filter((line) => line.includes('failed'))).toEqual([
    expect.stringMatching(/^error job .+ \(attempt 1 of 1\) failed HANDLER_FAILED/),
  ]);
  expect(reports.map(({ error, context }) => [error.code, context.job])).toEqual([
    ['HANDLER_FAILED', { id: 'stripe%3Aevt_worker_failure', attempt: 1, attempts: 1, queue: queueName }],
  ]);
});

it('reports a job BullMQ fails by itself (stalled past maxStalledCount) once, with its facts, to onError', async () => {
  const { queueName, dispatcher, receiver, lines, logger, reports, handled, deliver } = setUp('stalled', 3);
  await deliver('evt_worker_stalled');
  // A worker takes the job and dies: fetched by hand, its lock is never renewed and runs out.
  const dead = new Worker(queueName, null, { connection, prefix, autorun: false, lockDuration: 200 });
  cleanUp.push(() => dead.close(true));
  const taken = (await dead.getNextJob('dead-worker-token')) as Job | undefined;
  expect(taken?.id).toBe('stripe%3Aevt_worker_stalled');

  // No stall allowed: the first stalled-check that finds the lock gone fails the job.
  const worker = startWorker(receiver, {
    connection,
    queueName,
    prefix,
    logger,
    workerOptions: { maxStalledCount: 0, stalledInterval: 100 },
  });
  cleanUp.push(() => worker.close());
  await waitFor(() => reports.length >= 1, 10_000, 'the stalled job to be reported');
  await sleep(300); // nothing more comes: one report per failure
  const failedJob = await dispatcher.queue.getJob('stripe%3Aevt_worker_stalled');
  expect(failedJob?.failedReason).toBe('job stalled more than allowable limit');
  expect(await failedJob?.getState()).toBe('failed');
  expect(handled).toEqual([]);
  expect(reports).toHaveLength(1);
  const [{ error, context }] = reports as [(typeof reports)[0]];
  expect(error.code).toBe('JOB_STALLED');
  expect(error.message).toContain('job stalled more than allowable limit');
  expect((error.cause as Error).message).toBe('job stalled more than allowable limit');
  // The same shape as a handler failure's report: the delivery's facts and the job's.
  expect(context).toMatchObject({
    provider: 'stripe',
    deliveryId: 'evt_worker_stalled',
    eventType: 'invoice.paid',
    job: { id: 'stripe%3Aevt_worker_stalled', attempt: 1, attempts: 3, queue: queueName },
  });
  expect(lines.filter((line) => line.includes('failed'))).toEqual([
    expect.stringMatching(
      /^error job stripe%3Aevt_worker_stalled \(attempt 1 of 3\) failed JOB_STALLED: BullMQ failed the job outside its handlers \(job stalled more than allowable limit\)/,
    ),
  ]);
});
