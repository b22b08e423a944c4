/**
 * HTTP figures: each server variant runs in its own child process (its own event loop and
 * CPU share), the load generator (autocannon) in this one. All variants stay up for the
 * whole run and take turns: after a warm-up, every round loads each variant for a few
 * seconds in a rotating order, and the figure is the median over rounds of each variant's
 * requests per second as a ratio to the baseline's in the same round.
 *
 * Every request is a new signed delivery (a fresh id), so the idempotency stores do real
 * work; the server counts the deliveries its handlers ran, and the report compares that
 * count with the 2xx answers, which would expose a duplicate answered without a handler.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Server } from 'node:net';
import autocannon from 'autocannon';
import type { DeliveryFactory } from './deliveries.js';
import { median, quantile } from './measure.js';
import { handledCount } from './receivers.js';
import { envNumber } from './report.js';

export interface HttpVariant {
  name: string;
  /** Runs in the server process: listen on 127.0.0.1 (any free port) and resolve with the server. */
  listen: () => Promise<Server> | Server;
}

export interface HttpFigureOptions {
  variants: readonly HttpVariant[];
  /** The variant the ratios are to. */
  baseline: string;
  /** The webhook route of every variant. */
  path: string;
  /** Creates the delivery source, in the load generator. */
  deliveries: () => DeliveryFactory;
}

export interface HttpFigure {
  name: string;
  /** Median over rounds of the 2xx answers per second. */
  rps: number;
  /** Median over rounds of rps / the baseline's rps. */
  ratio: number;
  ratioQ1: number;
  ratioQ3: number;
  /** The per-round ratios, for comparisons between two variants round by round. */
  ratios: number[];
  /** Medians over rounds of autocannon's latency percentiles, in ms. */
  p50: number;
  p99: number;
  /** 2xx answers over the whole run (warm-up included). */
  ok: number;
  /** Errors, timeouts and non-2xx answers over the whole run. */
  failed: number;
  /** Deliveries the server's handlers ran. */
  handled: number;
}

const VARIANT_ENV = 'BENCH_HTTP_VARIANT';

/** The figure's settings; override them with the environment. */
export const httpSettings = {
  connections: envNumber('BENCH_HTTP_CONNECTIONS', 50),
  rounds: envNumber('BENCH_HTTP_ROUNDS', 5),
  seconds: envNumber('BENCH_HTTP_SECONDS', 3),
  warmupSeconds: envNumber('BENCH_HTTP_WARMUP', 2),
};

/**
 * In the parent: starts every variant in a child process, loads them in interleaved rounds
 * and returns the figures. In a child (started by this function): serves its variant and
 * returns `undefined`, so the calling script must do nothing else.
 */
export async function runHttpFigure(options: HttpFigureOptions): Promise<HttpFigure[] | undefined> {
  const serving = process.env[VARIANT_ENV];
  if (serving !== undefined) {
    await serve(options.variants, serving);
    return undefined;
  }
  const children = new Map<string, { child: ChildProcess; port: number }>();
  try {
    for (const variant of options.variants) children.set(variant.name, await start(variant.name));
    return await compare(options, children);
  } finally {
    for (const { child } of children.values()) child.kill();
  }
}

async function serve(variants: readonly HttpVariant[], name: string): Promise<void> {
  const variant = variants.find((v) => v.name === name);
  if (!variant) throw new Error(`unknown variant ${name}`);
  const server = await variant.listen();
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  process.on('message', (message) => {
    if (message === 'stats') process.send?.({ handled: handledCount() });
  });
  // The parent is gone (killed, crashed): do not outlive it.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ port: address.port });
}

function start(name: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    env: { ...process.env, [VARIANT_ENV]: name },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({ child, port: (message as { port: number }).port });
    });
  });
}

function stats(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { handled: number }).handled));
    child.send('stats');
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(port: number, path: string, factory: DeliveryFactory, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: httpSettings.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path,
        // A new delivery for every request, whichever connection sends it.
        setupRequest: (request) => {
          const { headers, body } = factory.next();
          return { ...request, method: 'POST', path, headers, body };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

async function compare(
  options: HttpFigureOptions,
  children: Map<string, { child: ChildProcess; port: number }>,
): Promise<HttpFigure[]> {
  const factory = options.deliveries();
  const names = options.variants.map((v) => v.name);
  const totals = new Map(names.map((name) => [name, { ok: 0, failed: 0 }]));
  const rounds = new Map(names.map((name) => [name, [] as Load[]]));
  const ratios = new Map(names.map((name) => [name, [] as number[]]));
  const run = async (name: string, seconds: number) => {
    const result = await load(children.get(name)!.port, options.path, factory, seconds);
    const total = totals.get(name)!;
    total.ok += result.ok;
    total.failed += result.failed;
    return result;
  };
  for (const name of names) await run(name, httpSettings.warmupSeconds);
  for (let round = 0; round < httpSettings.rounds; round++) {
    const loads = new Map<string, Load>();
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      const result = await run(name, httpSettings.seconds);
      loads.set(name, result);
      rounds.get(name)!.push(result);
    }
    const baseline = loads.get(options.baseline)!.rps;
    for (const [name, result] of loads) ratios.get(name)!.push(result.rps / baseline);
  }
  const figures: HttpFigure[] = [];
  for (const name of names) {
    const loads = rounds.get(name)!;
    const r = ratios.get(name)!;
    figures.push({
      name,
      rps: median(loads.map((l) => l.rps)),
      ratio: median(r),
      ratioQ1: quantile(r, 0.25),
      ratioQ3: quantile(r, 0.75),
      ratios: r,
      p50: median(loads.map((l) => l.p50)),
      p99: median(loads.map((l) => l.p99)),
      ...totals.get(name)!,
      handled: await stats(children.get(name)!.child),
    });
  }
  return figures;
}

export function printHttpFigures(title: string, figures: readonly HttpFigure[]): void {
  console.log(
    `\n${title} (${httpSettings.connections} connections, ${httpSettings.rounds} rounds of ${httpSettings.seconds} s)`,
  );
  console.table(
    figures.map((f) => ({
      variant: f.name,
      'median req/s': Math.round(f.rps),
      'ratio to baseline': f.ratio.toFixed(2),
      'ratio IQR': `${f.ratioQ1.toFixed(2)}–${f.ratioQ3.toFixed(2)}`,
      'p50 ms': f.p50,
      'p99 ms': f.p99,
      '2xx': f.ok,
      failed: f.failed,
      handled: f.handled,
    })),
  );
}

/** A note on the run's validity: failures, or 2xx answers whose handler did not run (duplicates). */
export function validity(figure: HttpFigure): string {
  const problems: string[] = [];
  if (figure.failed > 0) problems.push(`${figure.failed} failed requests`);
  if (figure.handled < figure.ok) problems.push(`${figure.ok - figure.handled} 2xx without a handler run`);
  return problems.length > 0 ? `INVALID RUN: ${problems.join(', ')}` : '';
}

/** The median over rounds of `a`'s requests per second as a ratio to `b`'s, in the same rounds. */
export function roundRatio(a: HttpFigure, b: HttpFigure): number {
  return median(a.ratios.map((ratio, round) => ratio / b.ratios[round]!));
}

/** The raw body of a Node request, as one Buffer. */
export function readNodeBody(request: import('node:http').IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
