/**
 * Bundles the Worker for workerd: one ES module, hookgate from its sources (through the
 * repository's tsconfig paths), for the `workerd` export conditions; no Node built-ins.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entry` (relative to the repository root) to `outfile`; resolves when written. */
export async function bundleWorker(entry: string, outfile: string): Promise<void> {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleWorker(
    'examples/cloudflare-worker/src/worker.ts',
    fileURLToPath(new URL('../dist/worker.js', import.meta.url)),
  );
}
