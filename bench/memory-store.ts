/**
 * Figure: the memory store's cost per retained delivery id and per claim.
 *
 * 1. Heap (plus array buffers) per retained id: 1,000,000 36-character ids from
 *    crypto.randomUUID() (a rope of ~20 pieces in V8, as ids sliced or concatenated from
 *    headers often are), claimed and completed, measured after a full GC in a fresh child
 *    process; then as many again, which evicts the first million: the heap must stay flat.
 *    The same is measured for a reference store that keeps keys as given (no flattening),
 *    to show what flattening buys. Target: ≤ 200 bytes per id; ≤ 1.1× after eviction.
 * 2. Time per new delivery (claim + complete) in a store holding 10k ids and in one holding
 *    1M: O(1) means the same cost (target ≤ 1.5×; a 1M store no longer fits in CPU caches).
 * 3. What each way of flattening a key costs.
 *
 * Knobs: BENCH_MEMORY_ENTRIES (1000000), BENCH_ROUNDS (15), BENCH_BATCH_MS (15).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createMemoryStore, type IdempotencyStore } from '@hookgate/core';
import { LRUCache } from 'lru-cache';
import { type Contender, measure, printFigures } from './lib/measure.js';
import { envNumber, note, printVerdicts, verdict } from './lib/report.js';

const entries = envNumber('BENCH_MEMORY_ENTRIES', 1_000_000);
const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const LEASE = { leaseMs: 60_000 };
const RETAIN = { retainMs: 4 * 86_400_000 };

type StoreKind = 'hookgate' | 'as-given';

/** The same cache and logic as createMemoryStore, but keys are stored exactly as passed. */
function asGivenStore(max: number): IdempotencyStore {
  const cache = new LRUCache<string, string | symbol>({ max, ttlAutopurge: false, ttlResolution: 0 });
  const completed = Symbol('completed');
  let counter = 0;
  return {
    async claim(key, { leaseMs }) {
      const entry = cache.get(key);
      if (entry === completed) return { status: 'completed' };
      if (entry !== undefined) return { status: 'in-flight' };
      const token = String(++counter);
      cache.set(key, token, { ttl: leaseMs });
      return { status: 'claimed', token };
    },
    async complete(key, token, { retainMs }) {
      if (cache.get(key) === token) cache.set(key, completed, { ttl: retainMs });
    },
    async release(key, token) {
      if (cache.get(key) === token) cache.delete(key);
    },
  };
}

function makeStore(kind: StoreKind, max: number): IdempotencyStore {
  return kind === 'hookgate' ? createMemoryStore({ max }) : asGivenStore(max);
}

async function deliver(store: IdempotencyStore, key: string): Promise<void> {
  const claim = await store.claim(key, LEASE);
  if (claim.status !== 'claimed') throw new Error(`a new id was ${claim.status}`);
  await store.complete(key, claim.token, RETAIN);
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapBytes(): number {
  gc!();
  gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

interface Retained {
  /** Bytes per id after the first `entries` ids. */
  perId: number;
  /** After a second and a third `entries` ids, each evicting the one before. */
  afterEviction: number;
  afterSecondEviction: number;
  nsPerId: number;
}

/** In a child: fills a store three times over and reports bytes per id after each fill. */
async function retained(kind: StoreKind): Promise<Retained> {
  const before = heapBytes();
  // Created after the baseline: lru-cache allocates its arrays for `max` up front, and they count.
  const store = makeStore(kind, entries);
  const start = process.hrtime.bigint();
  for (let i = 0; i < entries; i++) await deliver(store, randomUUID());
  const nsPerId = Number(process.hrtime.bigint() - start) / entries;
  const full = heapBytes();
  for (let i = 0; i < entries; i++) await deliver(store, randomUUID());
  const evicted = heapBytes();
  for (let i = 0; i < entries; i++) await deliver(store, randomUUID());
  const evictedAgain = heapBytes();
  // Still in use after the last measurement, so that the GC cannot take the store itself.
  await deliver(store, randomUUID());
  return {
    perId: (full - before) / entries,
    afterEviction: (evicted - before) / entries,
    afterSecondEviction: (evictedAgain - before) / entries,
    nsPerId,
  };
}

function inChild(kind: StoreKind): Promise<Retained> {
  const child = fork(process.argv[1]!, ['--retained', kind], {
    execArgv: [...process.execArgv.filter((arg) => arg !== '--expose-gc'), '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as Retained));
    child.once('exit', (code) => reject(new Error(`the ${kind} child exited with ${code}`)));
  });
}

const childKind = process.argv.indexOf('--retained');
if (childKind >= 0) {
  process.send!(await retained(process.argv[childKind + 1] as StoreKind));
  process.exit(0);
}

// 1. Retained bytes per id.
const memory: Record<string, Retained> = {};
for (const kind of ['hookgate', 'as-given'] as const) memory[kind] = await inChild(kind);
console.log(
  `\nmemory store: heap + array buffers per retained id (${entries} randomUUID ids, fresh process)`,
);
console.table(
  Object.entries(memory).map(([kind, m]) => ({
    store: kind === 'hookgate' ? 'createMemoryStore (keys flattened)' : 'same cache, keys as given (ropes)',
    'bytes/id': m.perId.toFixed(1),
    'bytes/id after evicting them all': m.afterEviction.toFixed(1),
    'and all again': m.afterSecondEviction.toFixed(1),
    'µs/delivery while filling': (m.nsPerId / 1000).toFixed(2),
  })),
);
const ours = memory.hookgate!;
const steady = Math.max(ours.perId, ours.afterEviction, ours.afterSecondEviction);
verdict(
  `memory store bytes per retained id (${entries} ids, the most of the three fills)`,
  steady / 200,
  { max: 1 },
  `${steady.toFixed(1)} bytes (target <= 200)`,
);
verdict(
  'memory store heap flat after max (third fill / second fill)',
  ours.afterSecondEviction / ours.afterEviction,
  { max: 1.1 },
  `${ours.perId.toFixed(1)} → ${ours.afterEviction.toFixed(1)} → ${ours.afterSecondEviction.toFixed(1)} bytes/id`,
);
note(
  'memory store keys as given (no flattening)',
  `${memory['as-given']!.perId.toFixed(1)} bytes/id, ${(memory['as-given']!.nsPerId / ours.nsPerId).toFixed(2)}x the time per delivery while filling`,
);

// 2. Time per new delivery in a small and a large store.
async function filledStore(size: number): Promise<IdempotencyStore> {
  const store = createMemoryStore({ max: size });
  for (let i = 0; i < size; i++) await deliver(store, randomUUID());
  return store;
}

function deliveries(name: string, store: IdempotencyStore): Contender {
  let keys: string[] = [];
  let next = 0;
  return {
    name,
    setup(operations) {
      keys = Array.from({ length: operations }, () => randomUUID());
      next = 0;
    },
    run: () => deliver(store, keys[next++]!),
  };
}

const small = await filledStore(10_000);
const large = await filledStore(entries);
const scaling = await measure(
  [deliveries('store of 10k ids', small), deliveries(`store of ${entries} ids`, large)],
  { rounds, batchMs, maxBatch: 20_000, floor: 'store of 10k ids' },
);
printFigures('memory store: claim + complete of a new id (full store: each also evicts one)', scaling);
verdict(
  `memory store time per delivery, ${entries} ids vs 10k ids (O(1))`,
  scaling[1]!.ratio,
  { max: 1.5 },
  `${(scaling[0]!.medianNs / 1000).toFixed(2)} µs at 10k`,
);

// 3. What flattening a rope key costs.
function flattener(name: string, flatten: (key: string) => string): Contender {
  let keys: string[] = [];
  let next = 0;
  let sink = 0;
  return {
    name,
    setup(operations) {
      keys = Array.from({ length: operations }, () => `stripe:${randomUUID()}`);
      next = 0;
    },
    run: () => {
      sink += flatten(keys[next++]!).length;
      return sink;
    },
  };
}

const flattening = await measure(
  [
    flattener('none (the key as given)', (key) => key),
    flattener('JSON.parse(JSON.stringify(key))', (key) => JSON.parse(JSON.stringify(key))),
    flattener('Buffer.from(key).toString() (lossy on lone surrogates)', (key) => Buffer.from(key).toString()),
    flattener('key.normalize() (changes non-NFC keys)', (key) => key.normalize()),
    flattener('key.charCodeAt(0) (in place; what createMemoryStore does)', (key) => {
      key.charCodeAt(0);
      return key;
    }),
  ],
  { rounds, batchMs, maxBatch: 20_000, floor: 'none (the key as given)' },
);
printFigures('flattening a 43-character rope key (stripe: + randomUUID())', flattening);
note(
  'memory store flattening cost',
  flattening.map((f) => `${f.name} ${(f.medianNs).toFixed(0)} ns`).join(', '),
);
printVerdicts();
