/**
 * Figure: queue mode (`createReceiver({ dispatch: queueDispatch(…) })`, Redis store).
 *
 * (1) Ack latency at a fixed request rate on loopback: the same Stripe receiver with a 200 ms
 * `invoice.paid` handler, inline (the answer waits for the handler) and in queue mode (the
 * answer waits for the BullMQ add only; no worker runs during the measure). p50 and p99 from
 * an open-loop load at `BENCH_QUEUE_RATE` requests per second (latency from each request's
 * scheduled send time), medians over rounds.
 * (2) Throughput: queue mode against a bare node:http server that reads the body, verifies the
 * Stripe HMAC, parses the JSON and calls `queue.add` with the event id as job id (no store, no
 * validation): the least a durable handoff can do. The hookgate receiver types `invoice.paid`
 * with `unchecked<T>()` (no validation either, as in the HTTP figures); a third variant
 * validates it with zod, to show what validation adds.
 *
 * Targets: queue-mode p99 ≤ 1/20 of inline p99 (ratio ≤ 0.05); queue-mode req/s ≥ 0.8× the bare add.
 * Needs redis-server (its own, started without persistence and pinned to the load generator's CPU:
 * bench/lib/queue.ts; BENCH_QUEUE_REDIS_URL).
 * Knobs: BENCH_QUEUE_RATE (100), BENCH_QUEUE_SECONDS (5), BENCH_QUEUE_ROUNDS (3), BENCH_HTTP_* for (2).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, type Server } from 'node:http';
import { Queue } from 'bullmq';
import { readNodeBody, verifyStripeBare } from './lib/bare.js';
import { SECRETS, stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, loaderCpus, printHttpFigures, runHttpFigure, validity } from './lib/http.js';
import { median, quantile } from './lib/measure.js';
import {
  connect,
  countingDispatch,
  ensureRedis,
  fixedRateLoad,
  queueBenchReceiver,
  queueName,
  releaseRedis,
} from './lib/queue.js';
import { countHandled } from './lib/receivers.js';
import { envNumber, note, printVerdicts, verdict } from './lib/report.js';

const PATH = '/webhooks/stripe';
const LATENCY_ENV = 'BENCH_QUEUE_LATENCY_VARIANT';
const rate = envNumber('BENCH_QUEUE_RATE', 100);
const seconds = envNumber('BENCH_QUEUE_SECONDS', 5);
const rounds = envNumber('BENCH_QUEUE_ROUNDS', 3);
// One source for every load of the latency figure: each delivery new, none a duplicate.
const factory = stripeDeliveries({ size: 2048 });

function receiverServer(receiver: ReturnType<typeof queueBenchReceiver>): Server {
  return createServer(async (request, response) => {
    const body = await readNodeBody(request);
    const result = await receiver.handle({ method: request.method ?? 'GET', headers: request.headers, body });
    response.writeHead(result.status, result.headers).end(result.body);
  }).listen(0, '127.0.0.1');
}

const LATENCY_VARIANTS: Record<string, () => Server> = {
  'inline, 200 ms handler': () => receiverServer(queueBenchReceiver({ handlerMs: 200 })),
  'queue mode, 200 ms handler': () =>
    receiverServer(queueBenchReceiver({ dispatch: countingDispatch(), handlerMs: 200 })),
};

const BARE = 'node:http bare (read + HMAC + JSON.parse + queue.add)';
const QUEUE_MODE = 'node:http + hookgate queue mode (Redis store + queueDispatch)';
const QUEUE_MODE_ZOD = `${QUEUE_MODE}, zod-validated`;
const throughputVariants: HttpVariant[] = [
  {
    name: BARE,
    listen: () => {
      const queue = new Queue(queueName(), { connection: connect(), prefix: 'hookgate-bench' });
      return createServer(async (request, response) => {
        const body = await readNodeBody(request);
        if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body)) {
          response.writeHead(401).end();
          return;
        }
        const event = JSON.parse(body.toString('utf8')) as { id: string; type: string };
        await queue.add(event.type, event, { jobId: event.id });
        countHandled();
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"queued":true}');
      }).listen(0, '127.0.0.1');
    },
  },
  {
    name: QUEUE_MODE,
    listen: () =>
      receiverServer(queueBenchReceiver({ dispatch: countingDispatch(), handlerMs: 0, validation: 'none' })),
  },
  {
    name: QUEUE_MODE_ZOD,
    listen: () => receiverServer(queueBenchReceiver({ dispatch: countingDispatch(), handlerMs: 0 })),
  },
];

const latencyVariant = process.env[LATENCY_ENV];
if (latencyVariant !== undefined) {
  const server = LATENCY_VARIANTS[latencyVariant]!();
  server.once('listening', () => {
    const address = server.address();
    if (typeof address === 'object' && address) process.send?.({ port: address.port });
  });
  process.on('disconnect', () => process.exit(0));
} else if (process.env.BENCH_HTTP_VARIANT !== undefined) {
  await runHttpFigure({
    variants: throughputVariants,
    baseline: BARE,
    path: PATH,
    deliveries: () => stripeDeliveries({ size: 2048 }),
  });
} else if (ensureRedis(loaderCpus())) {
  queueName();
  try {
    await latencyFigure();
    const figures = await runHttpFigure({
      variants: throughputVariants,
      baseline: BARE,
      path: PATH,
      deliveries: () => stripeDeliveries({ size: 2048 }),
    });
    if (figures) {
      const title = 'queue mode throughput, 2 KiB Stripe deliveries, no worker running';
      printHttpFigures(title, figures);
      const ours = figures[1]!;
      verdict(
        `${title}: hookgate queue mode to bare verify + queue.add`,
        ours.ratio,
        { min: 0.8 },
        validity(ours),
      );
      note(
        `${title}: hookgate queue mode with zod validation to bare`,
        `${figures[2]!.ratio.toFixed(2)}x (the floor validates nothing)`,
      );
      // This figure moves with the load on the machine: the rounds show how much.
      note(`${title}: per round`, ours.ratios.map((ratio) => `${ratio.toFixed(2)}x`).join(' '));
    }
    printVerdicts();
  } finally {
    await releaseRedis();
  }
}

async function latencyFigure(): Promise<void> {
  const servers = new Map<string, { child: ChildProcess; port: number }>();
  const results = new Map<string, { p50: number[]; p99: number[]; failed: number }>();
  const agents = new Map<string, Agent>();
  try {
    for (const name of Object.keys(LATENCY_VARIANTS)) {
      servers.set(name, await start(name));
      agents.set(name, new Agent({ keepAlive: true, maxSockets: 512 }));
    }
    for (let round = 0; round < rounds + 1; round++) {
      for (const [name, { port }] of servers) {
        const result = await fixedRateLoad(
          `http://127.0.0.1:${port}${PATH}`,
          rate,
          round === 0 ? 1 : seconds,
          () => factory.next(),
          agents.get(name)!,
        );
        if (round === 0) continue; // warm-up
        const entry = results.get(name) ?? { p50: [], p99: [], failed: 0 };
        entry.p50.push(quantile(result.latencies, 0.5));
        entry.p99.push(quantile(result.latencies, 0.99));
        entry.failed += result.failed;
        results.set(name, entry);
      }
    }
  } finally {
    for (const { child } of servers.values()) child.kill();
    for (const agent of agents.values()) agent.destroy();
  }
  const rows = [...results].map(([name, r]) => ({
    variant: name,
    'p50 ms': Number(median(r.p50).toFixed(1)),
    'p99 ms': Number(median(r.p99).toFixed(1)),
    failed: r.failed,
  }));
  console.log(`\nAck latency at ${rate} req/s, ${rounds} rounds of ${seconds} s, 2 KiB Stripe deliveries`);
  console.table(rows);
  const [inline, queued] = rows as [(typeof rows)[0], (typeof rows)[0]];
  verdict('queue-mode p99 to inline p99 (200 ms handler)', queued['p99 ms'] / inline['p99 ms'], {
    max: 0.05,
  });
  note(
    'queue-mode p50 to inline p50',
    `${(queued['p50 ms'] / inline['p50 ms']).toFixed(3)}x (${queued['p50 ms']} ms vs ${inline['p50 ms']} ms)`,
  );
}

function start(name: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    env: { ...process.env, [LATENCY_ENV]: name },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
  });
}
