/**
 * Runs the benchmark figures: `npm run bench` runs them all, `npm run bench -- verify handle`
 * the ones named, `npm run bench -- --quick …` with small round counts (a smoke run).
 *
 * Each figure is first bundled with esbuild the way the packages are built (hookgate from its
 * sources, every other package left external) and then run by plain `node --expose-gc` in a
 * child process. Running the sources through tsx instead would measure tsx: it compiles
 * with `keepNames`, which wraps every closure the hot path creates in a defineProperty call.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** The figures, in the order `npm run bench` runs them. */
const FIGURES = [
  'verify',
  'web-crypto',
  'handle',
  'otel',
  'memory-store',
  'node-layer',
  'http-node',
  'http-express',
  'http-fastify',
  'http-koa',
  'redis-store',
  'catalog-import',
  'catalog-types',
  'queue-ack',
  'queue-workers',
  'lambda',
  'import-cost',
  'providers',
] as const;

/** Settings of `--quick`: every figure runs to completion in seconds, with noisy numbers. */
const QUICK: Record<string, string> = {
  BENCH_ROUNDS: '3',
  BENCH_BATCH_MS: '5',
  BENCH_HTTP_ROUNDS: '1',
  BENCH_HTTP_SECONDS: '1',
  BENCH_HTTP_WARMUP: '1',
  BENCH_MEMORY_ENTRIES: '100000',
  BENCH_QUEUE_SECONDS: '2',
  BENCH_QUEUE_ROUNDS: '1',
  BENCH_QUEUE_JOBS: '2000',
};

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}node_modules/.cache/hookgate-bench`;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(FIGURES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown figure ${unknown.join(', ')}; the figures are: ${FIGURES.join(', ')}`);
  process.exit(2);
}
const figures = named.length > 0 ? named : [...FIGURES];

/** hookgate (and the examples' shared code) is bundled from source; every other import stays external. */
const externals: Plugin = {
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (resolve) =>
      /^(@hookgate\/|hookgate-example-common$)/.test(resolve.path)
        ? undefined
        : { path: resolve.path, external: true },
    );
  },
};

await build({
  absWorkingDir: root,
  entryPoints: figures.map((name) => `bench/${name}.ts`),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  // As tsup builds the packages (target node20, no minification, no keepNames).
  target: 'node20',
  tsconfig: 'tsconfig.json',
  plugins: [externals],
  logLevel: 'warning',
});

const env = { ...process.env };
if (quick) for (const [name, value] of Object.entries(QUICK)) env[name] ??= value;
const timeoutSeconds = Number(env.BENCH_TIMEOUT ?? 600);

const summary: string[] = [];
const failed: string[] = [];
const started = Date.now();
for (const name of figures) {
  console.log(`\n=== ${name} ===`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', `${outdir}/${name}.mjs`], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => {
      console.error(`${name} ran past BENCH_TIMEOUT=${timeoutSeconds} s; stopping it`);
      child.kill();
    }, timeoutSeconds * 1000);
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('ratio ')) summary.push(line);
    });
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) failed.push(`${name} (exit ${code})`);
}

if (figures.length > 1) {
  console.log('\n=== summary ===');
  console.log(summary.join('\n'));
}
const misses = summary.filter((line) => line.includes('MISSES')).length;
console.log(
  `\n${figures.length} figure(s) in ${Math.round((Date.now() - started) / 1000)} s; ${misses} target(s) missed` +
    (failed.length > 0 ? `; FAILED: ${failed.join(', ')}` : ''),
);
process.exit(failed.length > 0 ? 1 : 0);
