/**
 * Figure: the cold cost of `import('@hookgate/signatures')` from its built ESM file, in a fresh
 * `node` per sample (median of BENCH_IMPORT_RUNS, default 20), minus the same `node -e` that
 * imports nothing (the floor, measured in the same run, interleaved).
 *
 * Target: the registry (every provider's factory and facts) keeps the import within 1.2x of
 * the figure before it: BENCH_IMPORT_BASELINE names a baseline build's `index.js` to compare
 * with in the same run (the verdict is printed only then); otherwise the absolute figures.
 * Build first: `node scripts/build.mjs signatures`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median } from './lib/measure.js';
import { envNumber, note, printVerdicts, verdict } from './lib/report.js';

const runs = envNumber('BENCH_IMPORT_RUNS', 20);
// Run from the repository root (as `npm run bench` does): this file runs bundled elsewhere.
const built = `${process.cwd()}/packages/signatures/dist/index.js`;
const baseline = process.env.BENCH_IMPORT_BASELINE;

if (!existsSync(built)) {
  console.error(`${built} is missing; run node scripts/build.mjs signatures first`);
  process.exit(1);
}

/** Wall time in ms of one fresh `node -e` that imports `file` (or nothing). */
function sample(file: string | undefined): number {
  const code = file
    ? `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`
    : 'console.log(0)';
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  const wall = performance.now() - started;
  if (child.status !== 0) throw new Error(`node -e failed: ${child.stderr}`);
  return wall;
}

const targets: Record<string, string | undefined> = { floor: undefined, current: built };
if (baseline) targets.baseline = baseline;
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
sample(built); // warm the file cache
for (let run = 0; run < runs; run++) {
  for (const [name, file] of Object.entries(targets)) samples[name]!.push(sample(file));
}
const floor = median(samples.floor!);
const cost = (name: string) => median(samples[name]!) - floor;
console.log(`node -e floor: ${floor.toFixed(1)} ms (median of ${runs})`);
for (const name of Object.keys(targets).filter((n) => n !== 'floor')) {
  console.log(`${name}: +${cost(name).toFixed(1)} ms over the floor`);
}
note('import @hookgate/signatures', `+${cost('current').toFixed(1)} ms over a bare node -e`);
if (baseline) verdict('import cost vs baseline', cost('current') / cost('baseline'), { max: 1.2 });
printVerdicts();
