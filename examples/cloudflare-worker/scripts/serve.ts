/** `npm start`: bundles the Worker and serves it with workerd on 127.0.0.1:8787 (or `PORT`). */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from './build.js';

const here = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8787';
await bundleWorker('examples/cloudflare-worker/src/worker.ts', `${here}dist/worker.js`);
const secret = process.env.STRIPE_WEBHOOK_SECRET
  ? 'STRIPE_WEBHOOK_SECRET from the environment'
  : 'the local-only secret whsec_local_development_only (set STRIPE_WEBHOOK_SECRET for yours)';
process.env.STRIPE_WEBHOOK_SECRET ||= 'whsec_local_development_only';
const workerd = (createRequire(import.meta.url)('workerd') as { default: string }).default;
console.log(`workerd on http://127.0.0.1:${port}/webhooks/stripe, with ${secret}`);
const child = spawn(workerd, ['serve', 'config.capnp', `--socket-addr=http=127.0.0.1:${port}`], {
  cwd: here,
  stdio: 'inherit',
});
// Pass Ctrl-C and SIGTERM on, and leave with workerd: a SIGTERM to this process alone would
// otherwise end it and leave workerd running, holding the port.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
}
child.on('exit', (code) => process.exit(code ?? (stopping ? 0 : 1)));
