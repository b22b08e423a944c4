import { createServer } from 'node:http';
import { createExpressMiddleware } from '@hookgate/express';
import { runAdapterConformance } from '@hookgate/testing';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { expressTraps } from './express-traps.js';
import { listen } from './listen.js';
import { sdkSigners } from './sdk-signers.js';

describe('Express 4', () => {
  it('is the Express 4 this test means', async () => {
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('express4/package.json').version as string;
    expect(version.startsWith('4.')).toBe(true);
  });
});

runAdapterConformance(
  async (receiver) => {
    const app = express4().all('/webhooks/:name', createExpressMiddleware(receiver));
    const server = await listen(createServer(app));
    return { url: `${server.origin}/webhooks/conformance`, close: server.close };
  },
  { describe, it },
  { signers: sdkSigners },
);

describe('Express 4 traps', () => {
  expressTraps(express4);
});
