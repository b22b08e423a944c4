// @opentelemetry/api is an optional peer dependency: without it the receiver loads, runs and
// logs as usual. Proven in a child process whose resolver hides every @opentelemetry package.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('without @opentelemetry/api installed', () => {
  it('handles deliveries, hooks and logs, with no import failure and no unhandled rejection', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        fixture('hide-otel.mjs'),
        '--import',
        'tsx',
        '--unhandled-rejections=strict',
        fixture('without-otel.ts'),
      ],
      { cwd: root, timeout: 60_000 },
    );
    expect(stderr).not.toMatch(/opentelemetry|Error/);
    expect(JSON.parse(stdout)).toEqual({
      api: 'absent',
      statuses: [200, 200, 401],
      reports: ['handled', 'duplicate'],
      lines: 3,
    });
  });
});
