// Checks every built package the way its users will meet it: publint for the package.json
// and file layout, @arethetypeswrong/cli for the types under ESM and CommonJS resolution, and
// a user's file compiled against the built declarations with the strictest settings a Node
// project uses (test/consumer-types: no DOM library, exactOptionalPropertyTypes, skipLibCheck off),
// and that a bundle importing one provider leaves the others out (checks/tree-shaking.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTreeShaking } from './checks/tree-shaking.mjs';

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
try {
  execFileSync(bin('tsc'), ['-p', join(root, 'test/consumer-types/tsconfig.json')], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
  console.log('ok   tsc test/consumer-types (strict consumer of the built declarations)');
} catch (error) {
  failures.push('tsc test/consumer-types');
  console.log(`FAIL tsc test/consumer-types\n${error.stdout ?? ''}${error.stderr ?? ''}`);
}

try {
  console.log(`ok   tree shaking @hookgate/signatures (${await checkTreeShaking()})`);
} catch (error) {
  failures.push('tree shaking @hookgate/signatures');
  console.log(`FAIL tree shaking @hookgate/signatures\n${error.message}`);
}

if (failures.length > 0) {
  console.log(`\n${failures.length} package check(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
