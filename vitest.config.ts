import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = [
  'signatures',
  'core',
  'express',
  'fastify',
  'next',
  'koa',
  'hono',
  'lambda',
  'cloudflare',
  'redis',
  'bullmq',
  'testing',
  'cli',
];
const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a change needs no build before its tests.
    // Subpaths first: an alias also matches the paths under its name.
    alias: [
      {
        find: '@hookgate/core/node',
        replacement: fileURLToPath(new URL('./packages/core/src/node.ts', import.meta.url)),
      },
      // @hookgate/events has one entry per provider and no root entry.
      {
        find: /^@hookgate\/events\/(\w+)$/,
        replacement: fileURLToPath(new URL('./packages/events/src/$1.ts', import.meta.url)),
      },
      ...packages.map((name) => ({ find: `@hookgate/${name}`, replacement: src(name) })),
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
