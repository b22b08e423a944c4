// A job in Redis is input hookgate did not write, or wrote in another version: whatever its
// data (null, a string, a record with a field missing or of another type), the worker fails it
// at once as INVALID_PAYLOAD (BullMQ's UnrecoverableError: no retry), reports it with the job's
// facts (the only ones it can trust), and runs no handler; a genuine job among them still runs.
import { queueDispatch, startWorker } from '@hookgate/bullmq';
import {
  createMemoryStore,
  createReceiver,
  type DispatchedDelivery,
  type ErrorContext,
  type WebhookError,
} from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { type Job, QueueEvents } from 'bullmq';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { REDIS_URL, waitFor } from '../redis/redis-support.js';

const SECRET = 'whsec_hostile_jobs_secret';
const queueName = `hostile-${process.pid}-${Date.now().toString(36)}`;
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const cleanUp: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

/** Record fields replaced by a value of another type, or removed (`undefined`). */
const broken = fc.oneof(
  fc.record({
    field: fc.constantFrom('key', 'eventType', 'deliveryId', 'scheme', 'headers', 'receivedAt'),
    value: fc.constantFrom(undefined, null, 7, ['x']),
  }),
  fc.record({ field: fc.constant('version'), value: fc.constantFrom(undefined, 2, '1') }),
);

it('fails every job that holds no hookgate delivery, once and unretried, and still runs the genuine one', async () => {
  const dispatcher = queueDispatch({ connection, queueName, prefix, jobOptions: { attempts: 3 } });
  cleanUp.push(
    () => connection.quit(),
    () => dispatcher.queue.obliterate({ force: true }),
  );
  const errors: { error: WebhookError; context: ErrorContext }[] = [];
  const handled: string[] = [];
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
    store: createMemoryStore(),
    dispatch: dispatcher,
    logger: false,
    onError: (error, context) => void errors.push({ error, context }),
  });
  receiver.on('invoice.paid', (event) => void handled.push(event.id));
  receiver.onEvery((_payload, ctx) => void handled.push(`every ${String(ctx.eventType)}`));

  // One genuine delivery, queued by the receiver itself, read back as a template.
  const body = JSON.stringify({ id: 'evt_genuine', type: 'invoice.paid' });
  const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  expect(JSON.parse((await receiver.handle({ method: 'POST', headers, body })).body)).toMatchObject({
    queued: true,
  });
  const [genuine] = (await dispatcher.queue.getJobs(['waiting'])) as Job[];
  const template = genuine!.data as Record<string, unknown>;

  const hostile: unknown[] = [
    null,
    'a string',
    42,
    [],
    {},
    ...fc.sample(fc.anything({ maxDepth: 2 }), { numRuns: 10, seed: 11 }),
    ...fc.sample(broken, { numRuns: 12, seed: 5 }).map(({ field, value }) => {
      const record: Record<string, unknown> = { ...template, key: `${template.key}:${field}` };
      if (value === undefined) delete record[field];
      else record[field] = value;
      return record;
    }),
  ];
  // Written as another program would: the queue's type says DispatchedDelivery, Redis holds anything.
  for (const [index, data] of hostile.entries())
    await dispatcher.queue.add(`hostile-${index}`, data as DispatchedDelivery);

  const events = new QueueEvents(queueName, { connection: connection.duplicate(), prefix });
  cleanUp.push(() => events.close());
  const failed = new Set<string>();
  events.on('failed', ({ jobId }) => void failed.add(jobId));
  await events.waitUntilReady();
  const worker = startWorker(receiver, { connection, queueName, prefix, logger: false, concurrency: 4 });
  cleanUp.push(() => worker.close());

  await waitFor(
    () => failed.size === hostile.length && handled.length >= 1,
    20_000,
    'every hostile job to fail',
  );
  expect(handled).toEqual(['evt_genuine', 'every invoice.paid']);
  const jobs = (await dispatcher.queue.getJobs(['failed'])) as Job[];
  expect(jobs).toHaveLength(hostile.length);
  for (const job of jobs) {
    expect(job.failedReason, job.name).toMatch(/^INVALID_PAYLOAD: /);
    // Unrecoverable: failed at the first attempt of three.
    expect(job.attemptsMade, job.name).toBe(1);
  }
  const invalid = errors.filter(({ error }) => error.code === 'INVALID_PAYLOAD');
  expect(invalid).toHaveLength(hostile.length);
  expect(errors).toHaveLength(hostile.length); // each reported once, nothing else
  // Which job to look at in the queue, though there is no delivery to describe.
  expect(invalid.map(({ context }) => context.job?.id).sort()).toEqual(jobs.map((job) => job.id).sort());
  for (const { context } of invalid) {
    expect(context).toEqual({
      provider: 'stripe',
      job: { id: expect.any(String), attempt: 1, attempts: 3, queue: queueName },
      request: { method: 'POST', headers: {}, body: '' },
    });
  }
});
