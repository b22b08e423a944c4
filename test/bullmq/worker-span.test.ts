// The worker's span through the real OpenTelemetry SDK (in-memory exporter) and a real
// BullMQ queue: a job's `webhook process <type>` span links to the receive span of the
// delivery it came from, so a trace viewer leads from the web process's answer to the run. A
// job that waits for its delivery to finish elsewhere is no error on it; a failure is.
import { queueDispatch, startWorker } from '@hookgate/bullmq';
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { REDIS_URL, waitFor } from '../redis/redis-support.js';
import { registerInMemoryOtel } from '../support/otel.js';

const otel = registerInMemoryOtel();
const SECRET = 'whsec_worker_span_secret';
const queueName = `span-${process.pid}-${Date.now().toString(36)}`;
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const cleanUp: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
  await otel.shutdown();
});

it("runs each job under a span that links to the delivery's receive span", async () => {
  const dispatcher = queueDispatch({ connection, queueName, prefix });
  cleanUp.push(
    () => connection.quit(),
    () => dispatcher.queue.obliterate({ force: true }),
  );
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
    store: createMemoryStore(),
    dispatch: dispatcher,
    logger: false,
  });
  const handledIn: string[] = [];
  receiver.on('invoice.paid', async (event) => {
    handledIn.push(event.id);
  });

  const body = JSON.stringify({ id: 'evt_span_job', type: 'invoice.paid' });
  const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  const answer = await receiver.handle({ method: 'POST', headers, body });
  expect(JSON.parse(answer.body)).toEqual({ ok: true, queued: true });
  const [receive] = otel.finishedSpans().filter((span) => span.name === 'webhook receive stripe');
  expect(receive).toBeDefined();

  const worker = startWorker(receiver, { connection, queueName, prefix, logger: false });
  cleanUp.push(() => worker.close());
  await waitFor(() => handledIn.length === 1, 10_000, 'the worker to run the job');
  await waitFor(
    () => otel.finishedSpans().some((span) => span.name === 'webhook process invoice.paid'),
    5_000,
    'the job span to end',
  );
  const [job] = otel.finishedSpans().filter((span) => span.name === 'webhook process invoice.paid');
  // Linked, not a child: the run happens later, in another process, maybe many times.
  expect(job!.parentSpanContext).toBeUndefined();
  expect(job!.links.map((link) => link.context)).toEqual([
    expect.objectContaining({
      traceId: receive!.spanContext().traceId,
      spanId: receive!.spanContext().spanId,
    }),
  ]);
  expect(job!.kind).toBe(SpanKind.CONSUMER);
  expect(job!.status.code).not.toBe(SpanStatusCode.ERROR);
  expect(job!.attributes).toMatchObject({
    'messaging.system': 'stripe',
    'messaging.operation.type': 'process',
    'messaging.message.id': 'evt_span_job',
    'messaging.destination.name': 'invoice.paid',
    'hookgate.provider': 'stripe',
    'hookgate.attempt': 1,
  });
});

it('records a wait for a delivery in flight elsewhere as an event, not an error, and a failure as an error', async () => {
  const waitQueue = `${queueName}-wait`;
  const dispatcher = queueDispatch({ connection, queueName: waitQueue, prefix, jobOptions: { attempts: 1 } });
  cleanUp.push(() => dispatcher.queue.obliterate({ force: true }));
  const store = createMemoryStore();
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
    store,
    dispatch: dispatcher,
    logger: false,
  });
  const handledIn: string[] = [];
  receiver.on('invoice.paid', async (event) => {
    if (event.id === 'evt_span_broken') throw new Error('ERP unreachable');
    handledIn.push(event.id);
  });
  for (const id of ['evt_span_waits', 'evt_span_broken']) {
    const body = JSON.stringify({ id, type: 'invoice.paid' });
    const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
    expect((await receiver.handle({ method: 'POST', headers, body })).status).toBe(200);
  }
  // Another worker holds the first delivery (its claim on the worker side).
  const [waits] = (await dispatcher.queue.getJobs(['waiting'])).filter(
    (job) => job.data.deliveryId === 'evt_span_waits',
  );
  const claim = await store.claim(`handled:${waits!.data.key}`, { leaseMs: 60_000 });
  if (claim.status !== 'claimed') throw new Error('the test could not claim the delivery');

  const spansOf = (id: string) =>
    otel
      .finishedSpans()
      .filter(
        (span) =>
          span.name === 'webhook process invoice.paid' && span.attributes['messaging.message.id'] === id,
      );
  const worker = startWorker(receiver, {
    connection,
    queueName: waitQueue,
    prefix,
    logger: false,
    inFlightDelayMs: 300,
  });
  cleanUp.push(() => worker.close());
  await waitFor(
    () => spansOf('evt_span_waits').length === 1 && spansOf('evt_span_broken').length === 1,
    10_000,
    'both jobs to run once',
  );
  const [waited] = spansOf('evt_span_waits');
  expect(waited!.status.code).not.toBe(SpanStatusCode.ERROR);
  expect(waited!.attributes['hookgate.error.code']).toBeUndefined();
  expect(waited!.events.map((event) => ({ name: event.name, attributes: event.attributes }))).toEqual([
    {
      name: 'webhook delivery in flight elsewhere',
      attributes: expect.objectContaining({
        'hookgate.job.delay_ms': 300,
        'hookgate.message': expect.stringContaining('waits 300 ms'),
      }),
    },
  ]);
  const [broken] = spansOf('evt_span_broken');
  expect(broken!.status.code).toBe(SpanStatusCode.ERROR);
  expect(broken!.attributes['hookgate.error.code']).toBe('HANDLER_FAILED');

  // The other worker gives the delivery up: the waiting job runs it, without a spent attempt.
  await store.release(`handled:${waits!.data.key}`, claim.token);
  await waitFor(() => handledIn.includes('evt_span_waits'), 10_000, 'the waiting job to run');
  await waitFor(() => spansOf('evt_span_waits').length === 2, 5_000, 'its second span to end');
  expect(spansOf('evt_span_waits')[1]!.status.code).not.toBe(SpanStatusCode.ERROR);
  expect((await dispatcher.queue.getJob(waits!.id!))?.attemptsMade).toBe(1);
});
