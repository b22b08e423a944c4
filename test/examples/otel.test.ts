// Smoke test of examples/otel: it runs, and the console shows the spans, the metrics and the log.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('examples/otel', () => {
  it('exports the receive and process spans and the hookgate metrics to the console', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/otel/src/console.ts'],
      { cwd: root, timeout: 60_000 },
    );
    expect(stdout).toContain('first attempt: 500');
    expect(stdout).toContain('retry: 200');
    expect(stdout).toContain('duplicate: 200');
    expect(stdout).toContain('forgery: 401');
    for (const name of [
      "name: 'webhook receive stripe'",
      "name: 'webhook process invoice.paid'",
      "name: 'hookgate.deliveries'",
      "name: 'hookgate.duplicates'",
      "name: 'hookgate.ack.duration'",
      "name: 'hookgate.handler.duration'",
      "name: 'hookgate.timestamp.skew'",
    ])
      expect(stdout).toContain(name);
    expect(stdout).toContain("'hookgate.error.code': 'INVALID_SIGNATURE'");
    expect(stderr).toContain('hookgate: refused HANDLER_FAILED (500)');
    expect(stderr).toContain('Error: database is down');
    expect(stdout + stderr).not.toContain('whsec_local_example_secret');
  });
});
