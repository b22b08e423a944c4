/**
 * Cold import + first delivery of `githubEvents` against a receiver with one hand-written zod
 * schema (the floor), and of `strictGithubEvents` (whole-payload validation, one schema module
 * loaded on first use); the same for Stripe (`stripeEvents`, `strictStripeEvents` on the
 * invoice.created sample made from Stripe's fixture, against one zod schema of it). Each run is a fresh `node` process; the figure is the median over runs,
 * in a rotating order, of the time from the variant's `import()` to its first answered delivery.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { github, stripe } from '@hookgate/signatures';
import { samples, signDelivery } from '@hookgate/testing';
import { build } from 'esbuild';
import { envNumber, note, printVerdicts, verdict } from './lib/report.js';

// run.ts starts every figure in the repository root (this file runs from a bundle elsewhere).
const root = `${process.cwd()}/`;
const outdir = `${root}node_modules/.cache/hookgate-bench/catalog`;
const RUNS = envNumber('BENCH_COLD_RUNS', 15);
const VARIANTS = [
  'zod-one',
  'catalogue',
  'strict',
  'stripe-zod-one',
  'stripe-catalogue',
  'stripe-strict',
] as const;

mkdirSync(outdir, { recursive: true });
// Each variant bundled as the packages are built: hookgate from source with code splitting (the
// schema modules stay separate chunks), zod and every other package external.
await build({
  absWorkingDir: root,
  entryPoints: [...VARIANTS.map((name) => `bench/catalog/${name}.ts`), 'bench/catalog/child.ts'],
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  plugins: [
    {
      name: 'externals',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (resolve) =>
          resolve.kind === 'entry-point' || /^@hookgate\//.test(resolve.path)
            ? undefined
            : { path: resolve.path, external: true },
        );
      },
    },
  ],
});

const secret = 'bench-catalog-secret';
// GitHub's own example of check_run.completed, which its schema accepts (strict variant), and
// the invoice.created sample of Stripe's fixture, which its stripe-node type accepts.
const deliveries = {
  github: await signDelivery(github({ secret }), samples.github['check_run.completed']()),
  stripe: await signDelivery(stripe({ secret }), samples.stripe['invoice.created']()),
};
const deliveryFile = (provider: keyof typeof deliveries) => `${outdir}/delivery-${provider}.json`;
for (const [provider, signed] of Object.entries(deliveries)) {
  writeFileSync(
    deliveryFile(provider as keyof typeof deliveries),
    JSON.stringify({ secret, headers: signed.headers, body: signed.body }),
  );
}

const times: Record<string, number[]> = Object.fromEntries(VARIANTS.map((name) => [name, []]));
const rss: Record<string, number[]> = Object.fromEntries(VARIANTS.map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (let i = 0; i < VARIANTS.length; i++) {
    const name = VARIANTS[(run + i) % VARIANTS.length]!;
    const file = deliveryFile(name.startsWith('stripe') ? 'stripe' : 'github');
    const child = spawnSync(process.execPath, [`${outdir}/child.mjs`, `./${name}.mjs`, file], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    const { ms, rssMiB } = JSON.parse(child.stdout) as { ms: number; rssMiB: number };
    times[name]!.push(ms);
    rss[name]!.push(rssMiB);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
console.log(
  `cold import + first delivery (GitHub check_run.completed, Stripe invoice.created), median of ${RUNS} fresh processes`,
);
console.log('variant                ms     rss MiB');
for (const name of VARIANTS) {
  console.log(
    `${name.padEnd(16)} ${median(times[name]!).toFixed(1).padStart(6)} ${median(rss[name]!).toFixed(1).padStart(9)}`,
  );
}
const floor = median(times['zod-one']!);
verdict('catalog-import githubEvents / one zod schema', median(times.catalogue!) / floor, { max: 1.5 });
note(
  'catalog-import strictGithubEvents / one zod schema',
  `${(median(times.strict!) / floor).toFixed(2)}x (whole-payload validation; no target)`,
);
const stripeFloor = median(times['stripe-zod-one']!);
note(
  'catalog-import stripeEvents / one zod schema',
  `${(median(times['stripe-catalogue']!) / stripeFloor).toFixed(2)}x`,
);
note(
  'catalog-import strictStripeEvents / one zod schema',
  `${(median(times['stripe-strict']!) / stripeFloor).toFixed(2)}x (whole-event validation; no target)`,
);
printVerdicts();
