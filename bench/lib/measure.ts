/**
 * Interleaved benchmarking for a noisy shared machine: every contender runs once per round,
 * in a rotating order, and the figure reported is the median over rounds, with each
 * contender's ratio to a floor measured in the same rounds.
 */
export interface Contender {
  name: string;
  /** One operation. May be async. */
  run: () => unknown;
}

export interface MeasureOptions {
  /** Operations per contender per round. */
  batch: number;
  /** Rounds. */
  rounds: number;
  /** Name of the floor contender. */
  floor: string;
}

export interface Figure {
  name: string;
  /** Median nanoseconds per operation. */
  medianNs: number;
  /** Median of the per-round ratios to the floor. */
  ratio: number;
}

export async function measure(contenders: readonly Contender[], options: MeasureOptions): Promise<Figure[]> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const ratios = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  // Warm-up: let the JIT settle.
  for (const contender of contenders) await runBatch(contender, Math.max(10, options.batch >> 2));
  for (let round = 0; round < options.rounds; round++) {
    const perOp = new Map<string, number>();
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + round) % contenders.length]!;
      const ns = await runBatch(contender, options.batch);
      perOp.set(contender.name, ns);
      samples.get(contender.name)!.push(ns);
    }
    const floor = perOp.get(options.floor)!;
    for (const [name, ns] of perOp) ratios.get(name)!.push(ns / floor);
  }
  return contenders.map((c) => ({ name: c.name, medianNs: median(samples.get(c.name)!), ratio: median(ratios.get(c.name)!) }));
}

async function runBatch(contender: Contender, batch: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) {
    const result = contender.run();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / batch;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  console.table(
    figures.map((f) => ({ contender: f.name, 'median µs/op': (f.medianNs / 1000).toFixed(2), 'ratio to floor': f.ratio.toFixed(2) })),
  );
}
