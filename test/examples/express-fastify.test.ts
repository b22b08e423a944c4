import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createReceivers, Ledger, secretsFromEnv } from '../../examples/common/src/index.js';
import { createApp as createExpressApp } from '../../examples/express/src/app.js';
import { createApp as createFastifyApp } from '../../examples/fastify/src/app.js';
import { listen } from '../adapters/listen.js';
import { freePort } from '../redis/redis-support.js';
import { expectExampleBehaviour } from './deliveries.js';
import { startExample } from './example-process.js';

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

describe.each([
  ['express', 'SIGINT'],
  ['fastify', 'SIGTERM'],
] as const)('examples/%s as `npm start` runs it', (name, signal) => {
  it(`logs what its handlers did and each refusal, and closes on ${signal}`, async () => {
    const port = await freePort();
    const secrets = secretsFromEnv({});
    const server = startExample(`examples/${name}/src/server.ts`, {
      PORT: String(port),
      STRIPE_WEBHOOK_SECRET: secrets.stripe,
      GITHUB_WEBHOOK_SECRET: secrets.github,
      STANDARD_WEBHOOK_SECRET: secrets.standard,
    });
    try {
      await server.waitFor(/example on http:/);
      await expectExampleBehaviour(`http://127.0.0.1:${port}`);
      await server.waitFor(/handled standard-webhooks msg_\w+: user ada@example.com/);
      expect(server.output()).toMatch(/handled stripe evt_\w+: paid 4200 eur/);
      expect(server.output().match(/^handled /gm)).toHaveLength(3);
      expect(server.output()).toMatch(/refused INVALID_SIGNATURE \(401\)/);
      expect(await server.stop(signal)).toBe(0);
      expect(server.output()).toMatch(new RegExp(`${name}: ${signal}, finishing[\\s\\S]*${name}: closed`));
    } finally {
      await server.stop('SIGKILL');
    }
  });

  it('exits 1 when its port is taken, rather than saying it listens', async () => {
    const taken = await listen(createServer());
    const server = startExample(`examples/${name}/src/server.ts`, { PORT: new URL(taken.origin).port });
    try {
      expect(await server.exited()).toBe(1);
      expect(server.output()).toMatch(/EADDRINUSE/);
      expect(server.output()).not.toMatch(/example on http:/);
    } finally {
      await server.stop('SIGKILL');
      await taken.close();
    }
  });
});
