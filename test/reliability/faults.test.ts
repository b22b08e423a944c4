// Faults, counted: deliveries sent against deliveries handled, which must match one to one.
// A handler that throws or hangs, a process that dies mid-handler (the memory store's lease,
// on a fake clock), a schema that crashes, and Redis slowed down (a latency proxy) and
// restarted under load. Covered elsewhere, not repeated here: Redis stopped, queueing
// offline, frozen (SIGSTOP) and restarted with and without persistence in
// test/redis/faults.test.ts; a killed receiver process with Redis in
// test/redis/multi-process.test.ts.
import { createServer, type Server, Socket } from 'node:net';
import {
  createMemoryStore,
  createReceiver,
  type HandleInput,
  type IdempotencyStore,
  type WebhookError,
} from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { standardWebhooks, stripe } from '@hookgate/signatures';
import { createFakeClock } from '@hookgate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Delivery, runPool, SECRET, signDelivery } from '../redis/deliveries.js';
import { connectRedis, type RedisServer, sleep, spawnRedisServer } from '../redis/redis-support.js';
import { watchProcess } from './hostile.js';

const watcher = watchProcess();
afterAll(async () => {
  watcher.stop();
  await watcher.check();
});

const STRIPE_SECRET = 'whsec_reliability_faults';
const invoice = z.object({ id: z.string(), type: z.literal('invoice.paid'), n: z.number() });

async function stripeInput(
  id: string,
  n: number,
  timestamp = Math.floor(Date.now() / 1000),
): Promise<HandleInput> {
  const body = JSON.stringify({ id, type: 'invoice.paid', n });
  const headers = await stripe({ secret: STRIPE_SECRET }).sign({ body, timestamp });
  return { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
}

/** Sends like a provider: again after 409, 5xx, until 200; returns every status. */
async function deliver(handle: (input: HandleInput) => Promise<{ status: number }>, input: HandleInput) {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 400; attempt++) {
    const { status } = await handle(input);
    statuses.push(status);
    if (status === 200) return statuses;
    if (![409, 500, 503].includes(status)) throw new Error(`unexpected ${status}`);
    await sleep(10 + Math.random() * 30);
  }
  throw new Error(`never accepted: ${statuses.join(',')}`);
}

const countOf = (ids: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};

describe('handler faults, in process', () => {
  it('a handler that throws on its first attempt: 200 deliveries sent twice each, each handled once', async () => {
    const committed: string[] = [];
    const attempts = new Map<string, number>();
    const receiver = createReceiver({
      scheme: stripe({ secret: STRIPE_SECRET }),
      events: { 'invoice.paid': invoice },
    });
    receiver.on('invoice.paid', async (event) => {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      if (attempt === 1 && event.n % 3 === 0) throw new Error('database unavailable');
      await sleep(1);
      committed.push(event.id);
    });
    const inputs = await Promise.all(Array.from({ length: 200 }, (_, n) => stripeInput(`evt_throw_${n}`, n)));
    const sends = [...inputs, ...inputs].sort(() => Math.random() - 0.5);
    const statuses = await runPool(
      sends.map((input) => () => deliver((i) => receiver.handle(i), input)),
      32,
    );
    const counts = countOf(committed);
    console.info(
      `throwing handler: ${sends.length} sent, ${counts.size} handled, ${statuses.flat().filter((s) => s === 500).length} answered 500`,
    );
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(statuses.flat().filter((status) => status === 500).length).toBeGreaterThanOrEqual(67);
  });

  it('a handler that hangs past handlerTimeoutMs: 500 HANDLER_TIMEOUT, claim released, the retry runs it once', async () => {
    const committed: string[] = [];
    const started = new Map<string, number>();
    const errors: WebhookError[] = [];
    const receiver = createReceiver({
      scheme: stripe({ secret: STRIPE_SECRET }),
      events: { 'invoice.paid': invoice },
      handlerTimeoutMs: 50,
      onError: (error) => errors.push(error),
    });
    receiver.on('invoice.paid', async (event, context) => {
      const attempt = (started.get(event.id) ?? 0) + 1;
      started.set(event.id, attempt);
      if (attempt === 1 && event.n % 2 === 0) {
        // Hangs until the receiver gives up, then stops without committing (it honours the signal).
        await new Promise((_, reject) =>
          context.signal.addEventListener('abort', () => reject(context.signal.reason)),
        );
      }
      committed.push(event.id);
    });
    const inputs = await Promise.all(Array.from({ length: 100 }, (_, n) => stripeInput(`evt_hang_${n}`, n)));
    const statuses = await runPool(
      inputs.map((input) => () => deliver((i) => receiver.handle(i), input)),
      32,
    );
    const counts = countOf(committed);
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    for (const [index, seen] of statuses.entries())
      expect(seen, `delivery ${index}`).toEqual(index % 2 === 0 ? [500, 200] : [200]);
    expect(errors.filter((error) => error.code === 'HANDLER_TIMEOUT')).toHaveLength(50);
  });

  it("a schema that throws (a validator bug) under invalidPayload 'ack': 500 and retryable, never acknowledged and dropped", async () => {
    let broken = true;
    const errors: unknown[] = [];
    const crashing = {
      '~standard': {
        version: 1 as const,
        vendor: 'faults',
        validate: (value: unknown) => {
          if (broken) throw new RangeError('Maximum call stack size exceeded');
          return { value };
        },
      },
    };
    let runs = 0;
    const receiver = createReceiver({
      scheme: stripe({ secret: STRIPE_SECRET }),
      events: { 'invoice.paid': crashing },
      invalidPayload: 'ack',
      onError: (error) => errors.push(error),
    });
    receiver.on('invoice.paid', () => {
      runs++;
    });
    const input = await stripeInput('evt_schema_crash', 1);
    const first = await receiver.handle(input);
    expect(first.status).toBe(500);
    // No handler ran: an internal error, not HANDLER_FAILED, and retryable.
    expect(JSON.parse(first.body).code).toBe('INTERNAL_ERROR');
    // onError receives a WebhookError, as typed, with the validator's error as its cause.
    expect((errors[0] as WebhookError).code).toBe('INTERNAL_ERROR');
    expect((errors[0] as WebhookError).cause).toBeInstanceOf(RangeError);
    broken = false;
    expect((await receiver.handle(input)).body).toBe('{"ok":true}');
    expect((await receiver.handle(input)).body).toBe('{"ok":true,"duplicate":true}');
    expect(runs).toBe(1);
  });
});

describe('a process killed mid-handler, with the memory store (fake clock)', () => {
  it('runs each delivery once: the claim of the dead process blocks until its lease ends, then another runs it', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const store = createMemoryStore({ now: clock.now });
    const LEASE_MS = 60_000;
    const options = {
      scheme: stripe({ secret: STRIPE_SECRET }),
      events: { 'invoice.paid': invoice },
      store,
      clock: clock.now,
      leaseMs: LEASE_MS,
      handlerTimeoutMs: 1_000,
    };
    // Process A hangs in every handler and never answers (as if killed); B is its replacement.
    const dying = createReceiver(options).on('invoice.paid', () => new Promise(() => undefined));
    const committed: string[] = [];
    const replacement = createReceiver(options).on('invoice.paid', (event) => {
      committed.push(event.id);
    });
    const inputs = await Promise.all(
      Array.from({ length: 50 }, (_, n) => stripeInput(`evt_killed_${n}`, n, clock.nowSeconds())),
    );
    const abandoned = inputs.map((input) => dying.handle(input));
    await sleep(10);

    // While the dead process's lease lasts, the retry is told to come back later.
    for (const input of inputs) expect((await replacement.handle(input)).status).toBe(409);
    clock.advance(LEASE_MS - 1);
    for (const input of inputs) expect((await replacement.handle(input)).status).toBe(409);
    clock.advance(2);
    for (const input of inputs) expect((await replacement.handle(input)).body).toBe('{"ok":true}');

    // The dead process's own timeout then releases a claim it no longer owns: nothing changes.
    for (const result of await Promise.all(abandoned))
      expect(JSON.parse(result.body).code).toBe('HANDLER_TIMEOUT');
    for (const input of inputs)
      expect((await replacement.handle(input)).body).toBe('{"ok":true,"duplicate":true}');
    const counts = countOf(committed);
    expect(counts.size).toBe(50);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });
});

/** A TCP proxy to Redis that delays every chunk the client sends, in order, by `latency()` ms. */
async function latencyProxy(target: number, latency: () => number) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    /** Forwards in order: one queue and one timer, so that no two chunks can swap places. */
    const pipe = (from: Socket, to: Socket) => {
      const queue: { at: number; chunk: Buffer }[] = [];
      let scheduled = false;
      const pump = () => {
        scheduled = false;
        while (queue.length > 0 && queue[0]!.at <= Date.now()) {
          const { chunk } = queue.shift()!;
          if (!to.destroyed) to.write(chunk);
        }
        if (queue.length > 0) schedule(queue[0]!.at);
        else if (from.destroyed) to.destroy();
      };
      const schedule = (at: number) => {
        scheduled = true;
        setTimeout(pump, at - Date.now());
      };
      from.on('data', (chunk: Buffer) => {
        const at = Math.max(queue.at(-1)?.at ?? 0, Date.now() + latency());
        queue.push({ at, chunk });
        if (!scheduled) schedule(at);
      });
      from.on('close', () => {
        if (queue.length === 0) to.destroy();
      });
      from.on('error', () => to.destroy());
    };
    upstream.connect(target, '127.0.0.1', () => {
      pipe(client, upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Redis slow and restarted under load (a private redis-server)', () => {
  const PREFIX = 'hookgate-reliability:';
  const COMMAND_TIMEOUT_MS = 300;
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await spawnRedisServer({ appendonly: true });
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  /** A receiver on `client` that records each handler run, and each completion that failed. */
  function receiverOn(client: Awaited<ReturnType<typeof connectRedis>>) {
    const runs: string[] = [];
    const lostCompletions = new Set<string>();
    const redisStore = createRedisStore({ client, prefix: PREFIX, commandTimeoutMs: COMMAND_TIMEOUT_MS });
    const store: IdempotencyStore = {
      claim: (key, options) => redisStore.claim(key, options),
      release: (key, token) => redisStore.release(key, token),
      complete: (key, token, options) =>
        Promise.resolve(redisStore.complete(key, token, options)).catch((error: unknown) => {
          lostCompletions.add(key.slice(key.indexOf(':') + 1));
          throw error;
        }),
    };
    const receiver = createReceiver({
      scheme: standardWebhooks({ secret: SECRET }),
      events: { 'test.event': z.object({ type: z.literal('test.event') }) },
      store,
      leaseMs: 1_500,
      handlerTimeoutMs: 1_000,
    });
    receiver.on('test.event', async (_payload, context) => {
      // A little work, so that a restart finds requests in flight.
      await sleep(5 + Math.random() * 10);
      runs.push(context.deliveryId);
    });
    const handle = (delivery: Delivery) =>
      receiver.handle({ method: 'POST', headers: delivery.headers, body: delivery.body });
    const send = (delivery: Delivery) =>
      deliver((input) => receiver.handle(input), {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
    return { runs, lostCompletions, handle, send };
  }

  it('slow: every command delayed 20–700 ms, changing every second (commandTimeoutMs 300), 150 deliveries sent twice each: each handled exactly once', {
    timeout: 60_000,
  }, async () => {
    // One connection delivers in order, so its latency drifts rather than jumps: phases.
    const phases = [20, 450, 100, 700, 20, 250, 350, 20];
    const start = Date.now();
    const proxy = await latencyProxy(
      redis.port,
      () => phases[Math.floor((Date.now() - start) / 1000) % phases.length]!,
    );
    const client = await connectRedis(proxy.url);
    try {
      const { runs, send } = receiverOn(client);
      const deliveries = await Promise.all(
        Array.from({ length: 150 }, (_, n) => signDelivery(`msg_slow_${n}`, { n })),
      );
      const sends = [...deliveries, ...deliveries].sort(() => Math.random() - 0.5);
      // Spread over 4 s, half a cycle of the phases, so that slow ones are met.
      const statuses = (
        await Promise.all(sends.map(async (delivery, index) => sleep(index * 13).then(() => send(delivery))))
      ).flat();
      const counts = countOf(runs);
      console.info(
        `slow Redis: ${sends.length} sent, ${counts.size} handled, ${statuses.filter((s) => s === 503).length}× 503, ${statuses.filter((s) => s === 409).length}× 409`,
      );
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(counts.size).toBe(150);
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('restarted mid-batch: every delivery handled, a second time only where its completion was lost with the connection', async () => {
    const client = await connectRedis(redis.url);
    try {
      const { runs, lostCompletions, send } = receiverOn(client);
      const deliveries = await Promise.all(
        Array.from({ length: 200 }, (_, n) => signDelivery(`msg_restart_${n}`, { n })),
      );
      const sends = [...deliveries, ...deliveries].sort(() => Math.random() - 0.5);
      let done = 0;
      // The second half waits for the outage: a fast receiver could otherwise finish the batch
      // while Redis is still shutting down, and the test would see no restart at all.
      let down = () => {};
      const redisDown = new Promise<void>((resolve) => {
        down = resolve;
      });
      const restart = (async () => {
        while (done < sends.length / 3) await sleep(5);
        await redis.stop('SIGTERM');
        down();
        await sleep(50);
        await redis.start();
      })();
      const statuses = (
        await runPool(
          sends.map((delivery, index) => async () => {
            if (index >= sends.length / 2) await redisDown;
            const result = await send(delivery);
            done++;
            return result;
          }),
          32,
        )
      ).flat();
      await restart;
      const counts = countOf(runs);
      const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
      console.info(
        `Redis restarted: ${sends.length} sent, ${counts.size} handled, ${statuses.filter((s) => s === 503).length}× 503, ` +
          `${twice.length} handled twice (completion lost: ${lostCompletions.size})`,
      );
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((count) => count <= 2)).toBe(true);
      for (const id of twice)
        expect(lostCompletions.has(id), `${id} ran twice without a lost completion`).toBe(true);
    } finally {
      client.destroy();
    }
  });
});
