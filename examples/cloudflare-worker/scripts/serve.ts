/** `npm start`: bundles the Worker and serves it with workerd on 127.0.0.1:8787. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from './build.js';

const here = fileURLToPath(new URL('..', import.meta.url));
await bundleWorker('examples/cloudflare-worker/src/worker.ts', `${here}dist/worker.js`);
process.env.STRIPE_WEBHOOK_SECRET ??= 'whsec_local_development_only';
const workerd = (createRequire(import.meta.url)('workerd') as { default: string }).default;
console.log('workerd on http://127.0.0.1:8787/webhooks/stripe');
spawn(workerd, ['serve', 'config.capnp'], { cwd: here, stdio: 'inherit' }).on('exit', (code) =>
  process.exit(code ?? 1),
);
