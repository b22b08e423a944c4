/**
 * Figure: the Node layer in process. `createNodeHandler(receiver)` of `@hookgate/core/node`
 * (GitHub scheme, memory store, `push` typed with `unchecked<T>()`, no-op handler) and the bare
 * listener of `http-node` (read + HMAC + `JSON.parse`; and the same de-duplicating in
 * hookgate's memory store) each answer real `node:http` `IncomingMessage`/`ServerResponse`
 * objects over an in-memory socket: no kernel, no HTTP parsing, no load generator. What is
 * left is the listeners' own CPU work, which the loopback HTTP figures cannot resolve below a
 * few microseconds on a noisy machine (the same variant moves by up to 12 µs a request there).
 * A second part times the body read alone: the Node layer's `readNodeBody` (size and time
 * limits) against a plain read of the 'data' events.
 *
 * No target (the HTTP figures hold them): it reports where the Node layer's time goes, in
 * ratios and in nanoseconds over the de-duplicating floor.
 * Knobs: BENCH_ROUNDS (15), BENCH_BATCH_MS (15).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createMemoryStore } from '@hookgate/core';
import { createNodeHandler, readNodeBody as readWithLimits } from '@hookgate/core/node';
import { bareGithubListener, readNodeBody as readPlain } from './lib/bare.js';
import { type Delivery, freshContender, githubDeliveries } from './lib/deliveries.js';
import { type Figure, measure, printFigures } from './lib/measure.js';
import { githubReceiver } from './lib/receivers.js';
import { envNumber, note, printVerdicts } from './lib/report.js';

const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const factory = githubDeliveries({ size: 2048 });

/** A socket that takes every write and never reads: answers go nowhere, at no cost. */
const socket = new Duplex({
  read() {},
  write(_chunk, _encoding, done) {
    done();
  },
  writev(_chunks, done) {
    done();
  },
}) as unknown as Socket;

/** A request as `node:http` hands it to a listener: headers parsed, body not yet pushed. */
function request({ headers, body }: Delivery): IncomingMessage {
  const req = new IncomingMessage(socket);
  req.method = 'POST';
  req.url = '/webhooks';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.headers = { host: '127.0.0.1:3000', 'content-length': String(body.length), ...headers };
  return req;
}

/** Pushes the body as the HTTP parser does: one chunk, then the end of the message. */
function deliverBody(req: IncomingMessage, body: Buffer): void {
  req.push(body);
  req.complete = true;
  req.push(null);
}

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

let failures = 0;

/** One request through `listener`, until its answer is finished. */
async function answer(listener: Listener, delivery: Delivery): Promise<void> {
  const req = request(delivery);
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  const finished = new Promise((resolve) => res.once('finish', resolve));
  void listener(req, res);
  deliverBody(req, delivery.body);
  await finished;
  res.detachSocket(socket);
  if (res.statusCode !== 200) failures++;
}

const fresh = (name: string, run: (delivery: Delivery) => unknown) => freshContender(name, factory, run);

const BARE = 'bare listener (read + HMAC + JSON.parse)';
const DEDUP = `${BARE} + de-dup`;
const bare = bareGithubListener();
const dedup = bareGithubListener(createMemoryStore());
const hookgate = createNodeHandler(githubReceiver({ validation: 'none' }));
const options = { rounds, batchMs, maxBatch: 4000, warmupMs: envNumber('BENCH_WARMUP_MS', 1500) };

const listeners = await measure(
  [
    fresh(BARE, (d) => answer(bare, d)),
    fresh(DEDUP, (d) => answer(dedup, d)),
    fresh('hookgate createNodeHandler', (d) => answer(hookgate, d)),
  ],
  { ...options, floor: BARE },
);

const PLAIN = "plain read ('data' events, Buffer.concat)";
/** The body read alone needs no signature: one body, a new request each time. */
const readDelivery = factory.next();
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
  const req = request(readDelivery);
  const reading = read(req);
  deliverBody(req, readDelivery.body);
  return reading;
}

const title = 'Node layer in process, 2 KiB GitHub push deliveries';
printFigures(`${title}: whole requests`, listeners);
printFigures(`${title}: the body read alone`, reads);
const [floor, floorWithDedup, ours] = listeners as [Figure, Figure, Figure];
const valid = failures > 0 ? ` INVALID RUN: ${failures} answers other than 200` : '';
note(
  `${title}: hookgate to the bare listener with de-duplication`,
  `${(ours.medianNs / floorWithDedup.medianNs).toFixed(2)}x the time, ${signedNs(ours.medianNs - floorWithDedup.medianNs)} a request (information: the same work on both sides)${valid}`,
);
note(
  `${title}: de-duplication`,
  `${signedNs(floorWithDedup.medianNs - floor.medianNs)} a request over the bare listener (information)`,
);
note(
  `${title}: readNodeBody to a plain read`,
  `${reads[1]!.ratio.toFixed(2)}x, ${signedNs(reads[1]!.medianNs - reads[0]!.medianNs)} a read (information)`,
);
printVerdicts();

function signedNs(ns: number): string {
  return `${ns < 0 ? '-' : '+'}${Math.abs(Math.round(ns))} ns`;
}
