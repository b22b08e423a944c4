// Builds the packages in dependency order: each one's declarations are built against the
// declarations of the packages it depends on.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const order = ['signatures', 'core', 'testing', 'express', 'fastify', 'next', 'redis', 'cli'];
for (const name of order) {
  const dir = new URL(`../packages/${name}/`, import.meta.url).pathname;
  if (!existsSync(`${dir}package.json`)) continue;
  console.log(`building @hookgate/${name}`);
  execFileSync('npx', ['tsup', '--silent'], { cwd: dir, stdio: 'inherit' });
}
