/**
 * Figure: the Node layer and every adapter on it, in process. Each framework's bare app (read
 * + HMAC + `JSON.parse`), the same app de-duplicating in hookgate's memory store, and its
 * hookgate app, exactly as the HTTP figures run them (`lib/apps.ts`), answer real `node:http`
 * `IncomingMessage`/`ServerResponse` objects over an in-memory socket (`lib/in-memory.ts`): no
 * kernel, no HTTP parsing, no load generator. What is left is the apps' own CPU work, which
 * the loopback HTTP figures cannot resolve below a few microseconds on a noisy machine (the
 * same variant moves by up to 12 µs a request there). `node:http` takes 2 KiB GitHub pushes
 * (and octokit's `createNodeMiddleware` runs beside it, and the bare app de-duplicating in a plain
 * `Map` with first-in-first-out eviction: what remembering 100,000 ids costs in V8 at all, with no
 * lru-cache, no time limits and no leases); Fastify, Koa and Express take 2 KiB
 * Stripe `invoice.paid` deliveries, as in their HTTP figures. A last part times the body read
 * alone: the Node layer's `readNodeBody` (size and time limits) against a plain read.
 *
 * No target (the HTTP figures hold them): it reports where the time goes, as ratios and as
 * nanoseconds over the de-duplicating floor, the floor that does hookgate's work.
 * Knobs: BENCH_ROUNDS (15), BENCH_BATCH_MS (15), BENCH_WARMUP_MS (1500), BENCH_LAYER_APPS
 * (`node,fastify,koa,express`: the frameworks to run).
 */
import type { IncomingMessage } from 'node:http';
import { createMemoryStore } from '@hookgate/core';
import { readNodeBody as readWithLimits } from '@hookgate/core/node';
import {
  bareExpress,
  bareFastify,
  bareKoa,
  fastifyListener,
  hookgateExpress,
  hookgateFastify,
  hookgateKoa,
  hookgateNodeListener,
  octokitListener,
  PATH,
  type RequestListener,
} from './lib/apps.js';
import { bareGithubListener, createPlainMapStore, readNodeBody as readPlain } from './lib/bare.js';
import {
  type DeliveryFactory,
  freshContender,
  githubDeliveries,
  stripeDeliveries,
} from './lib/deliveries.js';
import { answerInMemory, deliverBody, inMemoryRequest } from './lib/in-memory.js';
import { type Figure, measure, printFigures } from './lib/measure.js';
import { envNumber, note, printVerdicts } from './lib/report.js';

const options = {
  rounds: envNumber('BENCH_ROUNDS', 15),
  batchMs: envNumber('BENCH_BATCH_MS', 15),
  maxBatch: 4000,
  warmupMs: envNumber('BENCH_WARMUP_MS', 1500),
};
const github = githubDeliveries({ size: 2048 });
const stripe = stripeDeliveries({ size: 2048 });

interface Framework {
  /** Its name in `BENCH_LAYER_APPS`. */
  key: string;
  title: string;
  deliveries: DeliveryFactory;
  /** The bare app, the same de-duplicating, hookgate's; then any other contender. */
  apps: () => Promise<Apps>;
}

type Apps = [RequestListener, RequestListener, RequestListener, ...[string, RequestListener][]];

const frameworks: Framework[] = [
  {
    key: 'node',
    title: 'node:http, 2 KiB GitHub pushes',
    deliveries: github,
    apps: async () => [
      bareGithubListener(),
      bareGithubListener(createMemoryStore()),
      hookgateNodeListener('none'),
      ['@octokit/webhooks createNodeMiddleware', octokitListener()],
      [PLAIN_MAP_DEDUP, bareGithubListener(createPlainMapStore())],
    ],
  },
  {
    key: 'fastify',
    title: 'Fastify 5, 2 KiB Stripe deliveries',
    deliveries: stripe,
    apps: async () => [
      await fastifyListener(bareFastify(false)),
      await fastifyListener(bareFastify(true)),
      await fastifyListener(await hookgateFastify('none')),
    ],
  },
  {
    key: 'koa',
    title: 'Koa 3, 2 KiB Stripe deliveries',
    deliveries: stripe,
    apps: async () => [bareKoa(false).callback(), bareKoa(true).callback(), hookgateKoa('none').callback()],
  },
  {
    key: 'express',
    title: 'Express 5, 2 KiB Stripe deliveries',
    deliveries: stripe,
    apps: async () => [bareExpress(false), bareExpress(true), hookgateExpress('none')],
  },
];
const chosen = (process.env.BENCH_LAYER_APPS ?? 'node,fastify,koa,express').split(',');

const BARE = 'bare app (read + HMAC + JSON.parse)';
const DEDUP = `${BARE} + de-dup`;
const HOOKGATE = 'hookgate';
const PLAIN_MAP_DEDUP = `${BARE} + de-dup in a plain Map (FIFO, 100k ids)`;
let failures = 0;

for (const { key, title, deliveries, apps } of frameworks) {
  if (!chosen.includes(key)) continue;
  // Built when measured: a framework's apps do not share the process with the others' yet.
  const [bare, dedup, hookgate, ...others] = await apps();
  const contender = (name: string, listener: RequestListener) =>
    freshContender(name, deliveries, async (delivery) => {
      if ((await answerInMemory(listener, delivery, PATH)) !== 200) failures++;
    });
  const figures = await measure(
    [
      contender(BARE, bare),
      contender(DEDUP, dedup),
      contender(HOOKGATE, hookgate),
      ...others.map(([name, listener]) => contender(name, listener)),
    ],
    { ...options, floor: BARE },
  );
  const [floor, floorWithDedup, ours, ...rest] = figures as [Figure, Figure, Figure, ...Figure[]];
  printFigures(`${title}, in process`, figures);
  note(
    `${title}, in process: hookgate to the bare app with de-duplication`,
    `${(ours.medianNs / floorWithDedup.medianNs).toFixed(2)}x the time, ${signedNs(ours.medianNs - floorWithDedup.medianNs)} a request (the same work on both sides)`,
  );
  note(
    `${title}, in process: de-duplication`,
    `${signedNs(floorWithDedup.medianNs - floor.medianNs)} a request over the bare app; hookgate ${(floor.medianNs / ours.medianNs).toFixed(2)}x its throughput`,
  );
  for (const other of rest) {
    if (other.name === PLAIN_MAP_DEDUP) {
      note(
        `${title}, in process: de-duplication in a plain Map`,
        `${signedNs(other.medianNs - floor.medianNs)} a request over the bare app, against ${signedNs(floorWithDedup.medianNs - floor.medianNs)} in hookgate's memory store (what remembering 100,000 ids costs at all)`,
      );
      continue;
    }
    note(
      `${title}, in process: ${other.name}`,
      `${(other.medianNs / ours.medianNs).toFixed(2)}x hookgate's time`,
    );
  }
}

const PLAIN = "plain read ('data' events, Buffer.concat)";
/** The body read alone needs no signature: one body, a new request each time. */
const readDelivery = github.next();
const reads = await measure(
  [
    { name: PLAIN, run: () => readOnly(readPlain) },
    {
      name: 'readNodeBody (size and time limits)',
      run: () => readOnly((req) => readWithLimits(req, { maxBodyBytes: 1 << 20 })),
    },
  ],
  { ...options, floor: PLAIN },
);

function readOnly(read: (req: IncomingMessage) => Promise<unknown>): Promise<unknown> {
  const req = inMemoryRequest(readDelivery, PATH);
  const reading = read(req);
  deliverBody(req, readDelivery.body);
  return reading;
}

printFigures('Node layer, 2 KiB bodies: the body read alone', reads);
note(
  'Node layer: readNodeBody to a plain read',
  `${reads[1]!.ratio.toFixed(2)}x, ${signedNs(reads[1]!.medianNs - reads[0]!.medianNs)} a read`,
);
if (failures > 0) note('node-layer', `INVALID RUN: ${failures} answers other than 200`);
printVerdicts();

function signedNs(ns: number): string {
  return `${ns < 0 ? '-' : '+'}${Math.abs(Math.round(ns))} ns`;
}
