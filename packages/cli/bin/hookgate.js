#!/usr/bin/env node
// The `hookgate` command. Installed from npm it runs the build (dist/cli.js). In a clone of the
// repository before `npm run build` there is no dist/ yet, and npm links a workspace's bin at
// install time only if the file exists: so this launcher is checked in, and runs the sources
// through tsx (a devDependency of the repository), with the repository's tsconfig mapping
// @hookgate/* to the other packages' sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);
const tsconfig = new URL('../../../tsconfig.json', import.meta.url);

if (existsSync(built)) {
  await import(built.href);
} else if (existsSync(source) && existsSync(tsconfig)) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'hookgate: the CLI is not built and tsx is not installed; run npm install, or npm run build\n',
    );
    process.exit(70);
  }
  register({ tsconfig: fileURLToPath(tsconfig) });
  await import(source.href);
} else {
  process.stderr.write('hookgate: dist/cli.js is missing from this installation; reinstall @hookgate/cli\n');
  process.exit(70);
}
