import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createReceivers, Ledger, secretsFromEnv } from '../../examples/common/src/index.js';
import { createApp as createExpressApp } from '../../examples/express/src/app.js';
import { createApp as createFastifyApp } from '../../examples/fastify/src/app.js';
import { listen } from '../adapters/listen.js';
import { expectExampleBehaviour } from './deliveries.js';

describe('examples/express', () => {
  it('handles each provider once, acknowledges duplicates, refuses forgeries', async () => {
    const ledger = new Ledger();
    const server = await listen(
      createServer(createExpressApp(createReceivers({ secrets: secretsFromEnv({}), ledger }))),
    );
    try {
      await expectExampleBehaviour(server.origin);
      expect(ledger.entries.map((entry) => entry.provider)).toEqual([
        'stripe',
        'github',
        'standard-webhooks',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('examples/fastify', () => {
  it('handles each provider once and keeps JSON parsing on its other routes', async () => {
    const ledger = new Ledger();
    const app = await createFastifyApp(createReceivers({ secrets: secretsFromEnv({}), ledger }));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      await expectExampleBehaviour(origin);
      expect(ledger.entries.map((entry) => entry.provider)).toEqual([
        'stripe',
        'github',
        'standard-webhooks',
      ]);
      const echo = await fetch(`${origin}/api/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });
      expect(await echo.json()).toEqual({ received: { a: 1 } });
    } finally {
      await app.close();
    }
  });
});
