/**
 * Not a figure: profiles one variant of an HTTP figure. Serves it in a child process with
 * `--cpu-prof` (pinned like the figures), loads it with autocannon and new deliveries for a
 * few seconds, and leaves the `.cpuprofile` in BENCH_PROFILE_DIR (default
 * `node_modules/.cache/hookgate-bench/profiles`). Build the figure first (`npm run bench -- <figure>`).
 *
 *   npx tsx bench/profile-http.ts http-fastify 'fastify + hookgatePlugin' [seconds]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { githubDeliveries, stripeDeliveries } from './lib/deliveries.js';

const [figure = 'http-fastify', variant = '', seconds = '6'] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.BENCH_PROFILE_DIR ?? `${root}node_modules/.cache/hookgate-bench/profiles`;
const child = fork(`${root}node_modules/.cache/hookgate-bench/${figure}.mjs`, [], {
  env: { ...process.env, BENCH_HTTP_VARIANT: variant },
  execPath: 'taskset',
  execArgv: ['-c', '1', process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const port = await new Promise<number>((resolve) =>
  child.once('message', (m) => resolve((m as { port: number }).port)),
);
const factory = figure === 'http-node' ? githubDeliveries({ size: 2048 }) : stripeDeliveries({ size: 2048 });
const pool = Array.from({ length: 200_000 }, () => factory.next());
let next = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 50,
  duration: Number(seconds),
  requests: [
    {
      method: 'POST',
      path: '/webhooks',
      setupRequest: (request) => {
        const { headers, body } = pool[next++] ?? factory.next();
        return { ...request, method: 'POST', path: '/webhooks', headers, body };
      },
    },
  ],
});
console.log(
  `${variant}: ${result['2xx']} 2xx, ${result.non2xx} other, ${Math.round(result.requests.average)} req/s`,
);
child.disconnect();
await new Promise((resolve) => child.once('exit', resolve));
console.log(`profile in ${dir}`);
