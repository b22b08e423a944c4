import { createServer } from 'node:http';
import { createExpressMiddleware } from '@hookgate/express';
import { runAdapterConformance } from '@hookgate/testing';
import express from 'express';
import { describe, it } from 'vitest';
import { expressTraps } from './express-traps.js';
import { listen } from './listen.js';
import { sdkSigners } from './sdk-signers.js';

runAdapterConformance(
  async (receiver) => {
    const app = express().all('/webhooks/:name', createExpressMiddleware(receiver));
    const server = await listen(createServer(app));
    return { url: `${server.origin}/webhooks/conformance`, close: server.close };
  },
  { describe, it },
  { signers: sdkSigners },
);

describe('Express 5 traps', () => {
  expressTraps(express);
});
