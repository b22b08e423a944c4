/**
 * HTTP figures: each server variant runs in its own child process (its own event loop), the
 * load generator (autocannon) in this one. All variants stay up for the whole run and take
 * turns: after a warm-up, every round loads each variant for a few seconds in a rotating
 * order, and the figure is the median over rounds of each variant's requests per second as a
 * ratio to the baseline's in the same round.
 *
 * Every request is a new signed delivery (a fresh id), so the idempotency stores do real
 * work; the server counts the deliveries its handlers ran, and the report compares that
 * count with the 2xx answers, which would expose a duplicate answered without a handler.
 * The deliveries of a round are signed before it starts, so that signing does not take CPU
 * from the load generator while it measures. With two CPUs or more, the servers run on the
 * last one and the load generator on the others (`taskset`), so that neither takes the
 * other's CPU; each server also reports the CPU time it spent per request.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import type { Server } from 'node:net';
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import type { Delivery, DeliveryFactory } from './deliveries.js';
import { median, quantile } from './measure.js';
import { handledCount } from './receivers.js';
import { envNumber, note, printVerdicts, verdict } from './report.js';

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
  /** Median over rounds of the server process's CPU time (user + system) per request, in µs. */
  cpuPerRequest: number;
  /** Median over rounds of the baseline's CPU per request / this variant's: its capacity ratio. */
  cpuRatio: number;
  /**
   * The same at equal load: every variant served the same fixed request rate (below what the
   * slowest one sustains). At saturation a slower server leaves the load generator idle more
   * often, and each answer then pays the kernel for waking it (measured: 8 µs of extra work per
   * request costs 14 µs of server CPU), which inflates every gap; at equal load that cost is the
   * same for all, and the ratio is the servers' own work. `undefined` when not measured.
   */
  equalLoadCpuRatio?: number;
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
  /**
   * Seconds of quiet before each load: the servers share a CPU, and one that was just loaded
   * still collects its garbage for a moment, which the next variant would pay for.
   */
  pauseSeconds: envNumber('BENCH_HTTP_PAUSE', 1),
  /** Rounds at equal load after the saturated ones (see `HttpFigure.equalLoadCpuRatio`); 0 skips them. */
  equalLoadRounds: envNumber('BENCH_HTTP_EQUAL_ROUNDS', 3, { zero: true }),
  /** `0` turns off pinning the servers and the load generator to CPUs of their own. */
  pin: envNumber('BENCH_HTTP_PIN', 1, { zero: true }) === 1,
};

/** CPUs for the servers and for the load generator, when there are two or more and `taskset`. */
const cpus = pinning();

/** The load generator's CPUs (`taskset` list) while servers are pinned, else `undefined`. */
export function loaderCpus(): string | undefined {
  return cpus?.loader;
}

function pinning(): { server: string; loader: string } | undefined {
  const count = availableParallelism();
  if (!httpSettings.pin || count < 2 || process.env[VARIANT_ENV] !== undefined) return undefined;
  try {
    execFileSync('taskset', ['-apc', `0-${count - 2}`, String(process.pid)], { stdio: 'ignore' });
    return { server: String(count - 1), loader: count === 2 ? '0' : `0-${count - 2}` };
  } catch {
    return undefined;
  }
}

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
  let requests = 0;
  server.on('request', () => requests++);
  process.on('message', (message) => {
    if (message !== 'stats') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ handled: handledCount(), requests, cpuMicros: user + system } satisfies ServerStats);
  });
  // The parent is gone (killed, crashed): do not outlive it.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ port: address.port });
}

function start(name: string): Promise<{ child: ChildProcess; port: number }> {
  // Pinned: `taskset -c <cpu> node <flags> <script>`, which keeps the IPC channel fork opens.
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    env: { ...process.env, [VARIANT_ENV]: name },
    ...(cpus
      ? { execPath: 'taskset', execArgv: ['-c', cpus.server, process.execPath, ...process.execArgv] }
      : { execArgv: process.execArgv }),
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

interface ServerStats {
  handled: number;
  requests: number;
  cpuMicros: number;
}

function stats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as ServerStats));
    child.send('stats');
  });
}

interface Load {
  rps: number;
  /** Server CPU time per request answered, in µs. */
  cpuPerRequest: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/**
 * Deliveries signed ahead of a load: enough for `seconds` at `expectedRps` and half as many
 * again; past that (a faster round than expected) they are signed as they are sent.
 */
function presigned(factory: DeliveryFactory, expectedRps: number, seconds: number): DeliveryFactory {
  const pool: Delivery[] = Array.from({ length: Math.ceil(expectedRps * seconds * 1.5) }, () =>
    factory.next(),
  );
  let next = 0;
  return { size: factory.size, next: () => pool[next++] ?? factory.next() };
}

async function load(
  child: ChildProcess,
  port: number,
  path: string,
  factory: DeliveryFactory,
  seconds: number,
  rate?: number,
): Promise<Load> {
  const before = await stats(child);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: httpSettings.connections,
    ...(rate === undefined ? {} : { overallRate: rate }),
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
  const after = await stats(child);
  return {
    rps: ok / result.duration,
    cpuPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, after.requests - before.requests),
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
  const cpuRatios = new Map(names.map((name) => [name, [] as number[]]));
  const expectedRps = new Map<string, number>();
  const run = async (name: string, seconds: number, rate?: number) => {
    const { child, port } = children.get(name)!;
    const deliveries = presigned(factory, rate ?? expectedRps.get(name) ?? 10_000, seconds);
    await new Promise((resolve) => setTimeout(resolve, httpSettings.pauseSeconds * 1000));
    const result = await load(child, port, options.path, deliveries, seconds, rate);
    expectedRps.set(name, Math.max(expectedRps.get(name) ?? 0, result.rps));
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
    const baseline = loads.get(options.baseline)!;
    for (const [name, result] of loads) {
      ratios.get(name)!.push(result.rps / baseline.rps);
      cpuRatios.get(name)!.push(baseline.cpuPerRequest / result.cpuPerRequest);
    }
  }
  const equalLoad = await equalLoadCpuRatios(options, names, rounds, run);
  const figures: HttpFigure[] = [];
  for (const name of names) {
    const loads = rounds.get(name)!;
    const r = ratios.get(name)!;
    figures.push({
      name,
      rps: median(loads.map((l) => l.rps)),
      cpuPerRequest: median(loads.map((l) => l.cpuPerRequest)),
      cpuRatio: median(cpuRatios.get(name)!),
      ...(equalLoad ? { equalLoadCpuRatio: median(equalLoad.get(name)!) } : {}),
      ratio: median(r),
      ratioQ1: quantile(r, 0.25),
      ratioQ3: quantile(r, 0.75),
      ratios: r,
      p50: median(loads.map((l) => l.p50)),
      p99: median(loads.map((l) => l.p99)),
      ...totals.get(name)!,
      handled: (await stats(children.get(name)!.child)).handled,
    });
  }
  return figures;
}

/**
 * Rounds at one fixed request rate for every variant, 70% of what the slowest sustained: per
 * round, the baseline's server CPU per request over each variant's.
 */
async function equalLoadCpuRatios(
  options: HttpFigureOptions,
  names: readonly string[],
  rounds: ReadonlyMap<string, readonly Load[]>,
  run: (name: string, seconds: number, rate: number) => Promise<Load>,
): Promise<Map<string, number[]> | undefined> {
  if (httpSettings.equalLoadRounds <= 0) return undefined;
  const rate = Math.floor(
    0.7 * Math.min(...names.map((name) => median(rounds.get(name)!.map((l) => l.rps)))),
  );
  const ratios = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < httpSettings.equalLoadRounds; round++) {
    const cpu = new Map<string, number>();
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      cpu.set(name, (await run(name, httpSettings.seconds, rate)).cpuPerRequest);
    }
    for (const name of names) ratios.get(name)!.push(cpu.get(options.baseline)! / cpu.get(name)!);
  }
  return ratios;
}

export function printHttpFigures(title: string, figures: readonly HttpFigure[]): void {
  const pinned = cpus ? `, servers on CPU ${cpus.server}, load generator on CPU ${cpus.loader}` : '';
  console.log(
    `\n${title} (${httpSettings.connections} connections, ${httpSettings.rounds} rounds of ${httpSettings.seconds} s${pinned})`,
  );
  console.table(
    figures.map((f) => ({
      variant: f.name,
      'median req/s': Math.round(f.rps),
      'ratio to baseline': f.ratio.toFixed(2),
      'ratio IQR': `${f.ratioQ1.toFixed(2)}–${f.ratioQ3.toFixed(2)}`,
      'server CPU µs/req': Math.round(f.cpuPerRequest),
      'CPU ratio': f.cpuRatio.toFixed(2),
      'CPU ratio, equal load': f.equalLoadCpuRatio?.toFixed(2) ?? '-',
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

/**
 * The report of an adapter figure whose variants are, in order: the bare framework app, the
 * hookgate adapter without validation (the floor's work), and the adapter with zod validation.
 */
export function reportAdapterFigure(title: string, framework: string, figures: readonly HttpFigure[]): void {
  const [, ours, withZod, floorWithDedup] = figures as [HttpFigure, HttpFigure, HttpFigure, HttpFigure?];
  printHttpFigures(title, figures);
  verdict(`${title}: hookgate adapter to bare ${framework}`, ours.ratio, { min: 0.95 }, validity(ours));
  if (ours.equalLoadCpuRatio !== undefined) {
    note(
      `${title}: hookgate adapter to bare ${framework}, server CPU at equal load`,
      `${ours.equalLoadCpuRatio.toFixed(2)}x (information: the servers' own work, without the loopback wake-up cost)`,
    );
  }
  note(
    `${title}: hookgate with zod validation to bare ${framework}`,
    `${withZod.ratio.toFixed(2)}x (information: the floor validates nothing) ${validity(withZod)}`,
  );
  if (floorWithDedup) reportDedupFloor(title, `bare ${framework}`, ours, floorWithDedup);
  printVerdicts();
}

/**
 * The notes on the floor plus de-duplication: what it costs the floor, and hookgate against it
 * round by round (the same work on both sides, the like-for-like ratio).
 */
export function reportDedupFloor(
  title: string,
  floorName: string,
  ours: HttpFigure,
  floorWithDedup: HttpFigure,
): void {
  note(
    `${title}: ${floorName} with de-duplication to ${floorName}`,
    `${floorWithDedup.ratio.toFixed(2)}x; CPU at equal load ${floorWithDedup.equalLoadCpuRatio?.toFixed(2) ?? '-'}x (information: what the floor lacks of hookgate's work)`,
  );
  note(
    `${title}: hookgate to ${floorName} with de-duplication`,
    `${roundRatio(ours, floorWithDedup).toFixed(2)}x (information: the same work on both sides, round by round)`,
  );
}
