import { stripe, WebhookError } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DispatchedDelivery, Dispatcher } from './dispatch.js';
import { createMemoryStore } from './memory-store.js';
import { createReceiver } from './receiver.js';
import type { IdempotencyStore } from './store.js';
import { bodyOf, deferred, NOW_MS, signedInput } from './test-support/deliveries.js';

const SECRET = 'whsec_test_dispatch_secret';
// A transform: the handler must get its output on the worker, not the raw JSON.
const invoicePaid = z.object({
  id: z.string(),
  type: z.literal('invoice.paid'),
  created: z.number().transform((seconds) => new Date(seconds * 1000)),
});
const invoice = (id = 'evt_1', created: unknown = 1_767_225_600) => ({ id, type: 'invoice.paid', created });
const job = (attempt = 1) => ({ id: 'job-1', attempt, attempts: 3 });

/** An in-memory queue: what a durable dispatcher does, minus the durability. */
function memoryQueue(fail?: () => Error | 'hang' | undefined) {
  const jobs: DispatchedDelivery[] = [];
  const dispatcher: Dispatcher = {
    timeoutMs: 50,
    dispatch(delivery) {
      const failure = fail?.();
      if (failure === 'hang') return new Promise(() => {});
      if (failure) return Promise.reject(failure);
      // What a real queue stores: JSON, so anything that would not survive it shows here.
      jobs.push(JSON.parse(JSON.stringify(delivery)) as DispatchedDelivery);
      return Promise.resolve();
    },
  };
  return { jobs, dispatcher };
}

function queueReceiver(dispatcher: Dispatcher, errors: WebhookError[] = [], store?: IdempotencyStore) {
  const scheme = stripe({ secret: SECRET });
  const receiver = createReceiver({
    scheme,
    events: { 'invoice.paid': invoicePaid },
    clock: () => NOW_MS,
    dispatch: dispatcher,
    // Web and worker are this one process here: the warning about a process-local store is not wanted.
    store: store ?? createMemoryStore({ singleProcess: true }),
    onError: (error) => errors.push(error),
  });
  return { scheme, receiver };
}

describe('queue mode (dispatch)', () => {
  it('refuses a payload too deeply nested to serialise as INVALID_PAYLOAD (400), not a 503 retried for days', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const errors: WebhookError[] = [];
    const { scheme, receiver } = queueReceiver(dispatcher, errors);
    receiver.on('invoice.paid', () => {});
    // JSON.parse takes any depth; JSON.stringify overflows the stack at a few thousand.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = `${JSON.stringify(invoice('evt_deep')).slice(0, -1)},"deep":${deep}}`;
    const result = await receiver.handle(await signedInput(scheme, body));
    expect(result.status).toBe(400);
    expect(bodyOf(result)).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(errors.map((error) => error.code)).toEqual(['INVALID_PAYLOAD']);
    expect(jobs).toEqual([]);
  });

  it('answers 200 queued without running handlers, and the worker runs them once with transforms', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    const seen: unknown[] = [];
    receiver.on('invoice.paid', (event, ctx) => {
      seen.push([event.created, ctx.job?.attempt, ctx.deliveryId]);
      return { handled: true };
    });
    const input = await signedInput(scheme, invoice(), {
      headers: { 'x-request-id': 'r1', authorization: 'Bearer t' },
    });
    const result = await receiver.handle(input);
    expect(result.status).toBe(200);
    expect(bodyOf(result)).toEqual({ ok: true, queued: true });
    expect(seen).toEqual([]);
    expect(jobs).toHaveLength(1);
    const [delivery] = jobs as [DispatchedDelivery];
    expect(delivery).toMatchObject({
      version: 1,
      key: 'stripe:evt_1',
      eventType: 'invoice.paid',
      scheme: 'stripe',
    });
    expect(delivery.headers['x-request-id']).toBe('r1');
    expect(Object.keys(delivery.headers)).not.toContain('stripe-signature');
    expect(Object.keys(delivery.headers)).not.toContain('authorization');
    expect(JSON.stringify(delivery)).not.toContain(SECRET);

    expect(await receiver.runDispatched(delivery, { job: job(2) })).toEqual({
      status: 'handled',
      value: { handled: true },
    });
    expect(seen).toEqual([[new Date(1_767_225_600_000), 2, 'evt_1']]);
    // A job run again after success (worker killed before the queue recorded it): nothing runs.
    expect(await receiver.runDispatched(delivery, { job: job(3) })).toEqual({ status: 'duplicate' });
    expect(seen).toHaveLength(1);
  });

  it('answers duplicates 200 without a second job, while the job waits and after it ran', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    receiver.on('invoice.paid', () => {});
    const input = await signedInput(scheme, invoice());
    const answers = await Promise.all([receiver.handle(input), receiver.handle(input)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const again = await receiver.handle(input);
    expect(bodyOf(again)).toEqual({ ok: true, duplicate: true });
    expect(jobs).toHaveLength(1);
  });

  it('answers 503 QUEUE_UNAVAILABLE when the queue fails or hangs, and releases the claim', async () => {
    let failure: Error | 'hang' | undefined = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const { jobs, dispatcher } = memoryQueue(() => failure);
    const errors: WebhookError[] = [];
    const { scheme, receiver } = queueReceiver(dispatcher, errors);
    let ran = 0;
    receiver.on('invoice.paid', () => {
      ran++;
    });
    const input = await signedInput(scheme, invoice());
    const refused = await receiver.handle(input);
    expect(refused.status).toBe(503);
    expect(bodyOf(refused).code).toBe('QUEUE_UNAVAILABLE');
    expect(refused.body).not.toContain('6379');
    failure = 'hang';
    const started = performance.now();
    const hung = await receiver.handle(input);
    expect(hung.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1_000);
    failure = undefined;
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, queued: true });
    expect(jobs).toHaveLength(1);
    expect(ran).toBe(0);
    expect(errors.map((error) => error.code)).toEqual(['QUEUE_UNAVAILABLE', 'QUEUE_UNAVAILABLE']);
  });

  it('answers once the queue holds the job, without waiting for the claim to be completed', async () => {
    const memory = createMemoryStore();
    const completing = deferred();
    let completed = false;
    // A store whose completion lags (a slow Redis reply): the answer must not wait for it.
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      release: (key, token) => memory.release(key, token),
      async complete(key, token, options) {
        await completing.promise;
        await memory.complete(key, token, options);
        completed = true;
      },
    };
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher, [], store);
    receiver.on('invoice.paid', () => {});
    const input = await signedInput(scheme, invoice());
    const answer = await Promise.race([
      receiver.handle(input),
      new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 1_000)),
    ]);
    expect(answer === 'waited' ? answer : bodyOf(answer)).toEqual({ ok: true, queued: true });
    expect(completed).toBe(false);
    // The window until the completion lands: the claim is in flight, as during the add; the
    // sender retries later and no second job is added.
    const early = await receiver.handle(input);
    expect(early.status).toBe(409);
    expect(bodyOf(early).code).toBe('DELIVERY_IN_FLIGHT');
    completing.resolve();
    await vi.waitFor(() => expect(completed).toBe(true));
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, duplicate: true });
    expect(jobs).toHaveLength(1);
  });

  it('reports a completion that fails after the answer, which stays 200 queued', async () => {
    const memory = createMemoryStore();
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      release: (key, token) => memory.release(key, token),
      complete: () => Promise.reject(new Error("READONLY You can't write against a read only replica")),
    };
    const errors: WebhookError[] = [];
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher, errors, store);
    receiver.on('invoice.paid', () => {});
    const answer = await receiver.handle(await signedInput(scheme, invoice()));
    expect(bodyOf(answer)).toEqual({ ok: true, queued: true });
    await vi.waitFor(() => expect(errors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']));
    expect(jobs).toHaveLength(1);
  });

  it("aborts the dispatcher's signal at its time limit, whether read before or after it", async () => {
    const reasons: unknown[] = [];
    let readLate = false;
    const dispatcher: Dispatcher = {
      timeoutMs: 30,
      async dispatch(_delivery, options) {
        const late = readLate;
        if (!late) options.signal.addEventListener('abort', () => reasons.push(options.signal.reason));
        await new Promise((resolve) => setTimeout(resolve, 60));
        if (late) reasons.push(options.signal.aborted && options.signal.reason);
      },
    };
    const { scheme, receiver } = queueReceiver(dispatcher);
    receiver.on('invoice.paid', () => {});
    const input = await signedInput(scheme, invoice());
    expect((await receiver.handle(input)).status).toBe(503);
    await vi.waitFor(() => expect(reasons).toHaveLength(1));
    readLate = true;
    expect((await receiver.handle(input)).status).toBe(503);
    await vi.waitFor(() => expect(reasons).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reasons).toEqual([
      expect.objectContaining({ code: 'QUEUE_UNAVAILABLE' }),
      expect.objectContaining({ code: 'QUEUE_UNAVAILABLE' }),
    ]);
  });

  it('refuses a schema mismatch with 422 while the sender is there, and queues nothing', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    receiver.on('invoice.paid', () => {});
    const result = await receiver.handle(await signedInput(scheme, invoice('evt_2', 'not a number')));
    expect(result.status).toBe(422);
    expect(jobs).toHaveLength(0);
  });

  it('makes a failing handler throw for the queue to retry, and a retry runs it again', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    let calls = 0;
    receiver.on('invoice.paid', () => {
      calls++;
      if (calls === 1) throw new Error('database down');
    });
    await receiver.handle(await signedInput(scheme, invoice()));
    const [delivery] = jobs as [DispatchedDelivery];
    await expect(receiver.runDispatched(delivery, { job: job(1) })).rejects.toMatchObject({
      code: 'HANDLER_FAILED',
    });
    expect(await receiver.runDispatched(delivery, { job: job(2) })).toMatchObject({ status: 'handled' });
    expect(calls).toBe(2);
  });

  it('reports a job whose claim the store failed, with the job, before the queue retries it', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    receiver.on('invoice.paid', () => {});
    await receiver.handle(await signedInput(scheme, invoice('evt_claim_down')));
    const errors: [string, unknown][] = [];
    const downStore: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.resolve(true),
      release: () => Promise.resolve(),
    };
    const worker = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      store: downStore,
      logger: false,
      onError: (error, context) => void errors.push([error.code, context.job?.attempt]),
    }).on('invoice.paid', () => {});
    await expect(worker.runDispatched(jobs[0]!, { job: job(2) })).rejects.toThrow();
    expect(errors).toEqual([['STORE_UNAVAILABLE', 2]]);
  });

  it('completes a job whose event type has no handler any more, through onUnhandled', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    receiver.on('invoice.paid', () => {});
    await receiver.handle(await signedInput(scheme, invoice()));
    const unhandled: string[] = [];
    const worker = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      onUnhandled: (_payload, ctx) => unhandled.push(`${ctx.eventType} ${ctx.job?.attempt}`),
    });
    expect(await worker.runDispatched(jobs[0]!, { job: job(1) })).toEqual({ status: 'unhandled' });
    expect(unhandled).toEqual(['invoice.paid 1']);
    await expect(worker.runDispatched({} as DispatchedDelivery, { job: job(1) })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
  });

  it('aborts ctx.signal at the per-job time limit and fails the run', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const { scheme, receiver } = queueReceiver(dispatcher);
    let aborted = false;
    receiver.on('invoice.paid', async (_event, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      aborted = true;
    });
    await receiver.handle(await signedInput(scheme, invoice()));
    const [delivery] = jobs as [DispatchedDelivery];
    await expect(receiver.runDispatched(delivery, { job: job(), timeoutMs: 20 })).rejects.toMatchObject({
      code: 'HANDLER_TIMEOUT',
    });
    expect(aborted).toBe(true);
  });

  it('says where the receiver says everything when a job fails or is dropped: its logger and onError', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const lines: string[] = [];
    const reported: unknown[] = [];
    const log =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void =>
        void lines.push(`${level} ${fields.jobId ?? '-'}/${fields.jobAttempt ?? '-'} ${message}`);
    const workerOf = (invalidPayload: 'reject' | 'ack') =>
      createReceiver({
        scheme: stripe({ secret: SECRET }),
        events: { 'invoice.paid': invoicePaid },
        clock: () => NOW_MS,
        store: createMemoryStore({ singleProcess: true }),
        dispatch: dispatcher,
        invalidPayload,
        logger: { debug: () => {}, info: log('info'), warn: log('warn'), error: log('error') },
        onError: (error, ctx) => void reported.push([error.code, ctx.job?.id, ctx.job?.attempt]),
      }).on('invoice.paid', () => {
        throw new Error('database down');
      });
    const receiver = workerOf('reject');
    await receiver.handle(await signedInput(stripe({ secret: SECRET }), invoice()));
    const [delivery] = jobs as [DispatchedDelivery];

    await expect(receiver.runDispatched(delivery, { job: job(2) })).rejects.toMatchObject({
      code: 'HANDLER_FAILED',
    });
    await expect(receiver.runDispatched({} as DispatchedDelivery, { job: job(1) })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
    const mismatched = { ...delivery, payload: invoice('evt_1', 'not a number') };
    expect(await workerOf('ack').runDispatched(mismatched, { job: job(3) })).toMatchObject({
      status: 'handled',
    });
    expect(lines).toEqual([
      'error job-1/2 job job-1 (attempt 2 of 3) failed HANDLER_FAILED: the handler threw; the delivery stays retryable',
      // No delivery to describe, but which job to look at.
      'warn job-1/1 job job-1 (attempt 1 of 3) failed INVALID_PAYLOAD: the job does not hold a well-formed hookgate delivery (version 1 with its key, ids, headers and times); it is not retried',
      expect.stringMatching(
        /^warn job-1\/3 job job-1 \(attempt 3 of 3\) dropped SCHEMA_MISMATCH \(invalidPayload: 'ack'\): /,
      ),
    ]);
    expect(reported).toEqual([
      ['HANDLER_FAILED', 'job-1', 2],
      ['INVALID_PAYLOAD', 'job-1', 1],
      ['SCHEMA_MISMATCH', 'job-1', 3],
    ]);
  });

  it('reports a job the queue failed by itself once, with the job, and the delivery when its data holds one', async () => {
    const { jobs, dispatcher } = memoryQueue();
    const lines: string[] = [];
    const reported: unknown[] = [];
    const log =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void =>
        void lines.push(`${level} ${String(fields.queue)} ${message}`);
    const receiver = createReceiver({
      scheme: stripe({ secret: SECRET }),
      events: { 'invoice.paid': invoicePaid },
      clock: () => NOW_MS,
      dispatch: dispatcher,
      store: createMemoryStore({ singleProcess: true }),
      logger: { debug: () => {}, info: log('info'), warn: log('warn'), error: log('error') },
      onError: (error, ctx) => void reported.push([error.code, ctx]),
    }).on('invoice.paid', () => {});
    await receiver.handle(await signedInput(stripe({ secret: SECRET }), invoice()));
    const stalled = new WebhookError('JOB_STALLED', 'stalled more than allowed');
    const queued = { ...job(2), queue: 'webhooks-stripe' };
    expect(jobs).toHaveLength(1);
    receiver.reportJobFailure(stalled, queued, jobs[0]);
    receiver.reportJobFailure(stalled, queued, 'not a delivery');
    const request = { method: 'POST', headers: {}, body: '' };
    expect(reported).toEqual([
      [
        'JOB_STALLED',
        expect.objectContaining({
          provider: 'stripe',
          deliveryId: 'evt_1',
          eventType: 'invoice.paid',
          job: queued,
        }),
      ],
      ['JOB_STALLED', { provider: 'stripe', job: queued, request }],
    ]);
    expect(lines).toEqual([
      'error webhooks-stripe job job-1 (attempt 2 of 3) failed JOB_STALLED: stalled more than allowed',
      'error webhooks-stripe job job-1 (attempt 2 of 3) failed JOB_STALLED: stalled more than allowed',
    ]);
  });
});
