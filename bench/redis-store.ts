/**
 * Figure: the Redis store. (1) Round trips per delivery, counted on the server with MONITOR
 * (only commands on this run's key prefix): one script call to claim and one to complete.
 * (2) The Express example (examples/express) with the Redis store against the same example
 * with the memory store, on loopback with autocannon, each request a new Stripe delivery.
 *
 * Targets: 1 round trip to claim, 1 to complete; Redis ≥ 0.8× memory over HTTP.
 * Needs redis-server (bash scripts/redis-server.sh starts one on 127.0.0.1:6390; this
 * script runs it). Knobs: HOOKGATE_REDIS_URL, BENCH_HTTP_* as in the other HTTP figures.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { IdempotencyStore } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { createReceivers, Ledger, type LedgerEntry, secretsFromEnv } from 'hookgate-example-common';
import { createClient } from 'redis';
import { createApp } from '../examples/express/src/app.js';
import { BATCH } from '../packages/redis/src/scripts.js';
import { stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, printHttpFigures, runHttpFigure, validity } from './lib/http.js';
import { countHandled, stripeReceiver } from './lib/receivers.js';
import { note, printVerdicts, verdict } from './lib/report.js';

const url = process.env.HOOKGATE_REDIS_URL ?? 'redis://127.0.0.1:6390';
const PREFIX_ENV = 'BENCH_REDIS_PREFIX';
const isServer = process.env.BENCH_HTTP_VARIANT !== undefined;

/** A ledger that also counts what the example's handlers recorded, for the validity check. */
class CountingLedger extends Ledger {
  override async record(entry: LedgerEntry): Promise<void> {
    countHandled();
    await super.record(entry);
  }
}

async function connect() {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', (error: Error) => console.error('redis:', error.message));
  await client.connect();
  return client;
}

function exampleApp(store: IdempotencyStore | undefined) {
  return createApp(
    createReceivers({ secrets: secretsFromEnv({}), ledger: new CountingLedger(), store }),
  ).listen(0, '127.0.0.1');
}

const variants: HttpVariant[] = [
  { name: 'Express example, memory store', listen: () => exampleApp(undefined) },
  {
    name: 'Express example, Redis store',
    listen: async () =>
      exampleApp(createRedisStore({ client: await connect(), prefix: process.env[PREFIX_ENV] })),
  },
];

/** Round trips per delivery, seen by the server. */
async function countRoundTrips(prefix: string) {
  const client = await connect();
  const monitor = client.duplicate();
  await monitor.connect();
  const counts = { claims: 0, completes: 0, other: 0, insideScripts: 0, deliveries: 0 };
  let counting = false;
  await monitor.monitor((line: string) => {
    if (!counting || !line.includes(prefix)) return;
    // `[0 lua]` marks what a script ran inside Redis: no round trip of its own.
    if (line.includes(' lua]')) counts.insideScripts++;
    else if (!line.includes(BATCH.sha1)) counts.other++;
    // The store's one script, named operation by operation: `… "1" "<key>" "claim" …`.
    else if (line.includes('"claim"')) counts.claims++;
    else if (line.includes('"complete"')) counts.completes++;
    else counts.other++;
  });
  const receiver = stripeReceiver({ store: createRedisStore({ client, prefix }) });
  const factory = stripeDeliveries({ size: 2048 });
  const deliver = async () => {
    const { headers, body } = factory.next();
    const result = await receiver.handle({
      method: 'POST',
      url: 'https://example.test/webhooks',
      headers,
      body,
    });
    if (result.status !== 200) throw new Error(`a delivery was answered ${result.status}: ${result.body}`);
  };
  // The first one loads the scripts (NOSCRIPT, then EVAL): not the steady state.
  await deliver();
  await new Promise((resolve) => setTimeout(resolve, 200));
  counting = true;
  const deliveries = 200;
  for (let i = 0; i < deliveries; i++) await deliver();
  await new Promise((resolve) => setTimeout(resolve, 500));
  counting = false;
  counts.deliveries = deliveries;
  await monitor.close();
  await client.close();
  return counts;
}

async function cleanUp(prefix: string): Promise<number> {
  const client = await connect();
  let removed = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) removed += await client.unlink(keys);
  }
  await client.close();
  return removed;
}

let prefix = process.env[PREFIX_ENV] ?? '';
if (!isServer) {
  try {
    execFileSync('bash', ['scripts/redis-server.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    console.log('redis-server is not available; skipping the Redis figure');
    process.exit(0);
  }
  prefix = `hookgate-bench-${randomBytes(4).toString('hex')}:`;
  process.env[PREFIX_ENV] = prefix;
  const trips = await countRoundTrips(prefix);
  console.log(
    `\nRedis commands per delivery (MONITOR, ${trips.deliveries} deliveries through receiver.handle)`,
  );
  console.table([
    {
      'claim (EVALSHA)': trips.claims / trips.deliveries,
      'complete (EVALSHA)': trips.completes / trips.deliveries,
      'other round trips': trips.other / trips.deliveries,
      'commands inside the scripts': trips.insideScripts / trips.deliveries,
    },
  ]);
  verdict('redis round trips to claim, per delivery', trips.claims / trips.deliveries, { max: 1 });
  verdict('redis round trips to complete, per delivery', trips.completes / trips.deliveries, { max: 1 });
  verdict('redis other round trips per delivery', trips.other / trips.deliveries, { max: 0 });
}

const figures = await runHttpFigure({
  variants,
  baseline: 'Express example, memory store',
  path: '/webhooks/stripe',
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) {
  const title = 'Express example, 2 KiB Stripe deliveries, Redis store vs memory store';
  printHttpFigures(title, figures);
  verdict(`${title}: Redis to memory`, figures[1]!.ratio, { min: 0.8 }, validity(figures[1]!));
  note('redis keys removed after the run', String(await cleanUp(prefix)));
  printVerdicts();
}
