/**
 * Figure: the cold cost of `import('@hookgate/signatures')` from its built ESM file, in a fresh
 * `node -e` per sample (median of BENCH_IMPORT_RUNS, default 20): the time the `import()` takes
 * inside the process (what an application pays; process start-up noise excluded), and the wall
 * time of the whole `node -e` minus one that imports nothing (the floor, interleaved).
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

/** Wall time and in-process import time in ms of one fresh `node -e` that imports `file` (or nothing). */
function sample(file: string | undefined): { wall: number; inside: number } {
  const code = file
    ? `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`
    : 'console.log(0)';
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  const wall = performance.now() - started;
  if (child.status !== 0) throw new Error(`node -e failed: ${child.stderr}`);
  return { wall, inside: Number(child.stdout.trim()) };
}

const targets: Record<string, string | undefined> = { floor: undefined, current: built };
if (baseline) targets.baseline = baseline;
const walls: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
const insides: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
sample(built); // warm the file cache
for (let run = 0; run < runs; run++) {
  for (const [name, file] of Object.entries(targets)) {
    const { wall, inside } = sample(file);
    walls[name]!.push(wall);
    insides[name]!.push(inside);
  }
}
const floor = median(walls.floor!);
const wallCost = (name: string) => median(walls[name]!) - floor;
const inside = (name: string) => median(insides[name]!);
console.log(`node -e floor: ${floor.toFixed(1)} ms wall (median of ${runs})`);
for (const name of Object.keys(targets).filter((n) => n !== 'floor')) {
  console.log(
    `${name}: import() ${inside(name).toFixed(1)} ms in process; +${wallCost(name).toFixed(1)} ms wall over the floor`,
  );
}
note(
  'import @hookgate/signatures',
  `${inside('current').toFixed(1)} ms in process, +${wallCost('current').toFixed(1)} ms wall`,
);
if (baseline) {
  verdict('import() in process vs baseline', inside('current') / inside('baseline'), { max: 1.2 });
  note(
    'wall time over the floor vs baseline',
    `${(wallCost('current') / wallCost('baseline')).toFixed(2)}x (noisier: process start-up)`,
  );
}
printVerdicts();
