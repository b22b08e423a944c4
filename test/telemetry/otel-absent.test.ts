// @opentelemetry/api is an optional peer dependency: without it the receiver loads, runs and
// logs as usual. Proven in a child process whose resolver hides every @opentelemetry package.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
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

  it('as built (esbuild, as tsup builds the packages), in CommonJS and in ESM', async () => {
    // Bundled here rather than with the package build, so that no other test's build races it.
    const outdir = `${root}node_modules/.cache/hookgate-otel-absent`;
    for (const format of ['cjs', 'esm'] as const) {
      await build({
        absWorkingDir: root,
        entryPoints: [fixture('entry.ts')],
        outfile: `${outdir}/core.${format === 'cjs' ? 'cjs' : 'mjs'}`,
        bundle: true,
        platform: 'node',
        format,
        target: 'node20',
        tsconfig: 'tsconfig.json',
        external: ['lru-cache', '@opentelemetry/*'],
        logLevel: 'error',
      });
    }
    for (const format of ['cjs', 'esm'] as const) {
      const bundle = `${outdir}/core.${format === 'cjs' ? 'cjs' : 'mjs'}`;
      const { stdout, stderr } = await run(
        process.execPath,
        [
          '--import',
          fixture('hide-otel.mjs'),
          '--unhandled-rejections=strict',
          fixture(`built.${format === 'cjs' ? 'cjs' : 'mjs'}`),
          bundle,
        ],
        { cwd: root, timeout: 60_000 },
      );
      expect(stderr).toBe('');
      expect(JSON.parse(stdout)).toEqual({ format, status: 200, api: 'absent' });
    }
  });
});
