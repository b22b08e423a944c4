// `npx hookgate` in a clone of the repository: npm links a workspace's bin at install time only
// if the file exists, so the bin must be a checked-in file, not something a build makes.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../packages/cli/', import.meta.url));

describe('the hookgate bin', () => {
  it('is a file tracked by git, shipped in the package', () => {
    const manifest = JSON.parse(readFileSync(`${cli}package.json`, 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
    };
    const path = manifest.bin.hookgate!.replace(/^\.\//, '');
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', `packages/cli/${path}`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(tracked.trim()).toBe(`packages/cli/${path}`);
    expect(manifest.files).toContain(path.split('/')[0]);
  });

  it('prints the help from any directory', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [`${cli}bin/hookgate.js`, '--help'], {
      cwd: '/',
      timeout: 60_000,
    });
    expect(stdout).toContain('hookgate: sign, verify and send webhook deliveries');
  });
});
