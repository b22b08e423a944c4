/**
 * What the queue figures share: a private Redis connection, a queue-mode Stripe receiver
 * (Redis store + `queueDispatch`) and a run-unique queue name.
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { queueDispatch } from '@hookgate/bullmq';
import { createReceiver, type Dispatcher, unchecked } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { stripe } from '@hookgate/signatures';
import { Redis } from 'ioredis';
import type { z } from 'zod';
import { SECRETS } from './deliveries.js';
import { countHandled, invoicePaid } from './receivers.js';

/**
 * The queue figures' own Redis, not the tests' (6390): started empty and without persistence.
 * A queue that no worker drains grows by a gigabyte or more per run, and on a server with an
 * append-only file each growth step forks a rewrite that takes seconds of CPU and disk from
 * whichever variant runs at the time (and from the tests' leftovers too).
 */
export const REDIS_URL = process.env.BENCH_QUEUE_REDIS_URL ?? 'redis://127.0.0.1:6391';
const REDIS_PORT = new URL(REDIS_URL).port || '6379';
const QUEUE_ENV = 'BENCH_QUEUE_NAME';

/** The run's queue name: made by the parent, inherited by its server and worker processes. */
export function queueName(): string {
  process.env[QUEUE_ENV] ??= `bench-${randomBytes(4).toString('hex')}`;
  return process.env[QUEUE_ENV];
}

/**
 * Starts the figures' redis-server (scripts/redis-server.sh), or says why the figure is
 * skipped. `cpus` (a `taskset` list) keeps it off the CPU of the server being measured: in
 * production Redis runs on a machine of its own, and here it would otherwise take the web
 * server's CPU in proportion to the Redis work of the variant (more for hookgate, which also
 * claims and completes), so the throughput ratio would move with the scheduler. Without
 * `cpus` it may run on any CPU (the workers figure, where it shares the machine with them).
 */
export function ensureRedis(cpus?: string): boolean {
  startedHere = !answers();
  try {
    execFileSync('bash', ['scripts/redis-server.sh', REDIS_PORT], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, HOOKGATE_REDIS_APPENDONLY: 'no' },
    });
  } catch {
    startedHere = false;
    console.log('redis-server is not available; skipping the queue figure');
    return false;
  }
  const info = execFileSync('redis-cli', ['-p', REDIS_PORT, 'info', 'server'], { encoding: 'utf8' });
  const pid = /process_id:(\d+)/.exec(info)?.[1];
  if (pid) {
    try {
      execFileSync('taskset', ['-apc', cpus ?? `0-${availableParallelism() - 1}`, pid], { stdio: 'ignore' });
    } catch {
      // No taskset: Redis runs where the scheduler puts it.
    }
  }
  return true;
}

/** An ioredis connection; `worker` ones retry forever (BullMQ's rule for blocking commands). */
export function connect(worker = false): Redis {
  const client = new Redis(REDIS_URL, worker ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 });
  client.on('error', (error: Error) => console.error('redis:', error.message));
  return client;
}

/** A dispatcher that also counts each delivery Redis accepted (the figures' validity check). */
export function countingDispatch(): Dispatcher & { close(): Promise<void> } {
  const connection = connect();
  const inner = queueDispatch({ connection, queueName: queueName(), prefix: 'hookgate-bench' });
  return {
    timeoutMs: inner.timeoutMs,
    async dispatch(delivery, options) {
      await inner.dispatch(delivery, options);
      countHandled();
    },
    // BullMQ leaves a connection it was given open.
    close: () => inner.close().then(() => connection.disconnect()),
  };
}

/** Options of {@link queueBenchReceiver}. */
interface QueueBenchReceiverOptions {
  dispatch?: Dispatcher;
  handlerMs: number;
  /** `zod` validates `invoice.paid`; `none` types it with `unchecked<T>()`. @default 'zod' */
  validation?: 'zod' | 'none';
  /** The store's Redis connection, for a caller that closes it; a new one otherwise. */
  storeClient?: Redis;
}

/**
 * A Stripe receiver with the Redis store: in queue mode (`dispatch`) or inline, its
 * `invoice.paid` handler taking `handlerMs`.
 */
export function queueBenchReceiver(options: QueueBenchReceiverOptions) {
  const invoicePaidSchema =
    options.validation === 'none' ? unchecked<z.output<typeof invoicePaid>>() : invoicePaid;
  return createReceiver({
    scheme: stripe({ secret: SECRETS.stripe }),
    events: { 'invoice.paid': invoicePaidSchema },
    store: createRedisStore({
      client: options.storeClient ?? connect(),
      prefix: `hookgate-bench:${queueName()}:`,
    }),
    dispatch: options.dispatch,
  }).on('invoice.paid', async () => {
    if (options.handlerMs > 0) await new Promise((resolve) => setTimeout(resolve, options.handlerMs));
    if (!options.dispatch) countHandled();
  });
}

/** Whether {@link ensureRedis} started the server (rather than finding one answering). */
let startedHere = false;

function answers(): boolean {
  try {
    return execFileSync('redis-cli', ['-p', REDIS_PORT, 'ping'], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).includes('PONG');
  } catch {
    return false;
  }
}

/**
 * Ends the run's use of Redis: stops the server if {@link ensureRedis} started it (an idle
 * server left behind kept using a fifth of a CPU, on the CPU the next figure measures on),
 * or else deletes the run's queue and store keys from the server it found.
 */
export async function releaseRedis(): Promise<void> {
  if (startedHere) {
    execFileSync('bash', ['scripts/redis-server.sh', 'stop', REDIS_PORT], { stdio: 'ignore' });
    return;
  }
  const client = connect();
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `hookgate-bench:${queueName()}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
  client.disconnect();
}

/**
 * An open-loop load at a fixed rate: one new delivery every `1000 / rate` ms, whatever the
 * answers do, each latency measured from its scheduled send time (so a stalled server shows
 * in the figures instead of slowing the load down). Resolves with the latencies in ms.
 */
export async function fixedRateLoad(
  url: string,
  rate: number,
  seconds: number,
  next: () => { headers: Record<string, string>; body: Buffer },
  // One per server for the whole run: its kept-alive connections outlive the warm-up.
  agent: Agent,
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { headers, body } = next();
    pending.push(
      post(url, agent, headers, body).then((status) => {
        if (status === 200) latencies.push(performance.now() - due);
        else failed++;
      }),
    );
  }
  await Promise.all(pending);
  return { latencies, failed };
}

function post(url: string, agent: Agent, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
