// Builds the packages in dependency order: each one's declarations are built against the
// declarations of the packages it depends on. Each package gets the repository's LICENSE, which
// npm packs whatever `files` says (the copies are build output, ignored by git).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';

const order = [
  'signatures',
  'core',
  'events',
  'testing',
  'express',
  'fastify',
  'next',
  'koa',
  'hono',
  'lambda',
  'cloudflare',
  'redis',
  'bullmq',
  'cli',
];
// `node scripts/build.mjs core cli` builds only the packages named (still in dependency order).
const only = process.argv.slice(2);
for (const name of order) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = new URL(`../packages/${name}/`, import.meta.url).pathname;
  if (!existsSync(`${dir}package.json`)) continue;
  console.log(`building @hookgate/${name}`);
  execFileSync('npx', ['tsup', '--silent'], { cwd: dir, stdio: 'inherit' });
  copyFileSync(new URL('../LICENSE', import.meta.url), `${dir}LICENSE`);
}
