// Checks every built package the way its users will meet it: publint for the package.json
// and file layout, @arethetypeswrong/cli for the types under ESM and CommonJS resolution.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];

for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  if (!existsSync(join(dir, 'package.json'))) continue;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    // node10 resolution predates `exports`; hookgate targets Node >= 20 and modern bundlers.
    ['attw', ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      const out = execFileSync(bin(tool), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      console.log(`ok   ${tool} @hookgate/${name}`);
      if (process.env.VERBOSE) console.log(out);
    } catch (error) {
      failures.push(`${tool} @hookgate/${name}`);
      console.log(`FAIL ${tool} @hookgate/${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failures.length > 0) {
  console.log(`\n${failures.length} package check(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
