/**
 * The long form of test/reliability/load.test.ts: each example app (Express, Fastify) under
 * a loopback load with autocannon, 5% duplicates and 1% forgeries mixed in. Prints a report
 * per app and exits 1 if any answer was not the expected one or any genuine delivery was
 * not handled exactly once.
 *
 *   npm run test:load                          60 s per app at 1000 requests/s
 *   npm run test:load -- --rate 2000 --duration 30
 */
import { parseArgs } from 'node:util';
import { failuresOf, runLoad } from '../test/reliability/load-harness.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
  },
});
const rate = Number(values.rate);
const durationSeconds = Number(values.duration);
const connections = Number(values.connections);

let failed = false;
for (const app of ['express', 'fastify'] as const) {
  process.stdout.write(
    `${app}: ${durationSeconds} s at ${rate} requests/s over ${connections} connections…\n`,
  );
  const report = await runLoad(app, { rate, durationSeconds, connections });
  const failures = failuresOf(report);
  failed ||= failures.length > 0;
  process.stdout.write(
    [
      `  sent ${report.sent}: ${report.genuine} genuine, ${report.duplicates} duplicates, ${report.forgeries} forgeries`,
      `  handled exactly once ${report.handledOnce}, never ${report.notHandled}, twice or more ${report.handledTwice}`,
      `  errors ${report.errors}, timeouts ${report.timeouts}, unexpected answers ${report.unexpected.length}`,
      `  ${report.requestsPerSecond} req/s, latency p50 ${report.latencyP50} ms, p99 ${report.latencyP99} ms`,
      `  ${failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`}`,
      '',
    ].join('\n'),
  );
}
process.exit(failed ? 1 : 0);
