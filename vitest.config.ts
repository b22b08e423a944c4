import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = [
  'signatures',
  'core',
  'express',
  'fastify',
  'next',
  'redis',
  'testing',
  'cli',
  'hono',
  'lambda',
  'cloudflare',
];
const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a change needs no build before its tests.
    alias: Object.fromEntries(packages.map((name) => [`@hookgate/${name}`, src(name)])),
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
