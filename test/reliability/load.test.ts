// A short loopback load test of the Express and Fastify example apps (the long form, 60 s
// each, is `npm run test:load`): 500 requests a second for 5 s each, 5% duplicates and 1%
// forgeries mixed in. No connection error or timeout, every answer the one its request must
// get, and every genuine delivery handled exactly once (counted in the example ledger).
import { afterAll, describe, expect, it } from 'vitest';
import { watchProcess } from './hostile.js';
import { failuresOf, runLoad } from './load-harness.js';

const watcher = watchProcess();
afterAll(async () => {
  watcher.stop();
  await watcher.check();
});

describe.each(['express', 'fastify'] as const)('%s example app under load', (app) => {
  it('5 s at 500 requests/s: expected answers only, each genuine delivery handled exactly once', {
    timeout: 60_000,
  }, async () => {
    const report = await runLoad(app, { rate: 500, durationSeconds: 5 });
    console.info(
      `${app}: ${report.sent} sent (${report.genuine} genuine, ${report.duplicates} duplicates, ${report.forgeries} forgeries), ` +
        `${report.handledOnce} handled once, ${report.requestsPerSecond} req/s, p99 ${report.latencyP99} ms`,
    );
    expect(failuresOf(report)).toEqual([]);
    expect(report.sent).toBe(2_500);
    expect(report.duplicates).toBeGreaterThan(50);
    expect(report.forgeries).toBeGreaterThan(5);
  });
});
