import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { bundleWorker } from '../../examples/cloudflare-worker/scripts/build.js';
import { expectRecipe, withServer } from './expect-recipe.js';

// Bun and Deno from their npm platform packages (binaries inside; no install script needed).
const require = createRequire(import.meta.url);
const bun = require.resolve('@oven/bun-linux-x64/bin/bun');
const deno = require.resolve('@deno/linux-x64-glibc/deno');
const dir = mkdtempSync(join(tmpdir(), 'hookgate-recipes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README recipes on other runtimes', () => {
  it('Bun: Bun.serve + receiver.fetch', async () => {
    const bundle = join(dir, 'bun-server.js');
    await bundleWorker('test/recipes/bun-server.ts', bundle);
    await withServer(bun, ['run', bundle], (origin) => expectRecipe(`${origin}/webhooks/stripe`));
  });

  it('Deno: Deno.serve + receiver.fetch', async () => {
    const bundle = join(dir, 'deno-server.js');
    await bundleWorker('test/recipes/deno-server.ts', bundle);
    await withServer(deno, ['run', '--allow-net=127.0.0.1', '--allow-env', bundle], (origin) =>
      expectRecipe(`${origin}/webhooks/stripe`),
    );
  });
});
