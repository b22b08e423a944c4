/**
 * Interleaved benchmarking for a noisy shared machine: every contender runs once per round,
 * in a rotating order, and the figure reported is the median over rounds, with each
 * contender's ratio to a floor measured in the same rounds. A slow moment of the machine
 * then lands on every contender of one round instead of on one contender's whole run, and
 * the median ratio discards the rounds it spoiled.
 */
import { envNumber } from './report.js';

export interface Contender {
  name: string;
  /** One operation. May be async (it is awaited before the next one starts). */
  run: () => unknown;
  /**
   * Called before each timed batch, untimed, with the batch size: prepares fresh inputs (a
   * new delivery per operation, say) so that no operation repeats an earlier one.
   */
  setup?: (operations: number) => unknown;
}

export interface MeasureOptions {
  /** Rounds (each contender runs one batch per round). */
  rounds: number;
  /** Name of the floor contender; ratios are to it. */
  floor: string;
  /**
   * How long one batch should take, in ms: the batch size of each contender is calibrated
   * once, before the rounds, so that short operations are not lost in timer resolution and
   * slow ones (an SDK at 256 KiB) do not stretch the run.
   * @default 15
   */
  batchMs?: number;
  /** A fixed number of operations per batch instead of `batchMs`. */
  batch?: number;
  /** The largest calibrated batch (bounds what `setup` allocates for very cheap operations). @default 4_194_304 */
  maxBatch?: number;
  /**
   * How long each contender runs before it is timed, in ms, so the JIT has optimised it: a
   * pipeline through many functions (the receiver, zod, lru-cache) needs a few thousand
   * operations, and unoptimised rounds would inflate its median.
   * @default 300
   */
  warmupMs?: number;
}

export interface Figure {
  name: string;
  /** Median nanoseconds per operation. */
  medianNs: number;
  /** Median of the per-round ratios to the floor. */
  ratio: number;
  /** First and third quartiles of the per-round ratios: how much the machine moved. */
  ratioQ1: number;
  ratioQ3: number;
  /** The per-round ratios, for comparisons between contenders round by round. */
  ratios: number[];
}

const exposedGc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
/**
 * Before each batch, a minor GC (empties the young generation, so each contender pays for its
 * own garbage) by default; BENCH_GC=full forces a full one (which also resets V8's heap
 * heuristics, and slows pipelines that write into old objects), BENCH_GC=none none.
 */
const gcMode = process.env.BENCH_GC ?? 'minor';
const collect =
  exposedGc === undefined || gcMode === 'none'
    ? undefined
    : gcMode === 'full'
      ? () => exposedGc()
      : () => exposedGc({ type: 'minor' });

export async function measure(contenders: readonly Contender[], options: MeasureOptions): Promise<Figure[]> {
  const sizes = new Map<string, number>();
  const isAsync = new Map<string, boolean>();
  for (const contender of contenders) {
    await contender.setup?.(1);
    const probe = contender.run();
    isAsync.set(contender.name, probe instanceof Promise);
    await probe;
    const warmupEnd = performance.now() + (options.warmupMs ?? envNumber('BENCH_WARMUP_MS', 300));
    while (performance.now() < warmupEnd) await timeBatch(contender, 64, isAsync.get(contender.name)!);
    sizes.set(
      contender.name,
      options.batch ?? (await calibrate(contender, isAsync.get(contender.name)!, options)),
    );
  }
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const ratios = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const perOp = new Map<string, number>();
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + round) % contenders.length]!;
      const batch = sizes.get(contender.name)!;
      const ns = await timeBatch(contender, batch, isAsync.get(contender.name)!);
      perOp.set(contender.name, ns);
      samples.get(contender.name)!.push(ns);
    }
    const floor = perOp.get(options.floor)!;
    for (const [name, ns] of perOp) ratios.get(name)!.push(ns / floor);
  }
  return contenders.map((c) => {
    const r = ratios.get(c.name)!;
    return {
      name: c.name,
      medianNs: median(samples.get(c.name)!),
      ratio: median(r),
      ratioQ1: quantile(r, 0.25),
      ratioQ3: quantile(r, 0.75),
      ratios: r,
    };
  });
}

/** Grows the batch until it takes a quarter of `batchMs` (also the JIT warm-up), then scales it. */
async function calibrate(contender: Contender, isAsync: boolean, options: MeasureOptions): Promise<number> {
  const targetNs = (options.batchMs ?? 15) * 1e6;
  const maxBatch = options.maxBatch ?? 1 << 22;
  let operations = 4;
  for (;;) {
    const ns = (await timeBatch(contender, operations, isAsync)) * operations;
    if (ns >= targetNs / 4 || operations >= maxBatch) {
      return Math.min(maxBatch, Math.max(4, Math.round((operations * targetNs) / Math.max(ns, 1))));
    }
    operations = Math.min(maxBatch, operations * 2);
  }
}

/** Nanoseconds per operation of one batch. Setup and a full GC come first, untimed. */
async function timeBatch(contender: Contender, operations: number, isAsync: boolean): Promise<number> {
  await contender.setup?.(operations);
  // Garbage left by the previous contender is collected now, not during this one's batch.
  collect?.();
  const { run } = contender;
  const start = process.hrtime.bigint();
  if (isAsync) for (let i = 0; i < operations; i++) await run();
  else for (let i = 0; i < operations; i++) run();
  return Number(process.hrtime.bigint() - start) / operations;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** The share of rounds in which `a` was cheaper than `b` (both measured in the same rounds). */
export function winShare(a: Figure, b: Figure): number {
  let wins = 0;
  for (let i = 0; i < a.ratios.length; i++) if (a.ratios[i]! < b.ratios[i]!) wins++;
  return wins / a.ratios.length;
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  console.table(
    figures.map((f) => ({
      contender: f.name,
      'median µs/op': (f.medianNs / 1000).toFixed(2),
      'ratio to floor': f.ratio.toFixed(2),
      'ratio IQR': `${f.ratioQ1.toFixed(2)}–${f.ratioQ3.toFixed(2)}`,
    })),
  );
}
