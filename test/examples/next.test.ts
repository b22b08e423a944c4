import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildNextApp, type NextServer, startNextApp } from '../support/next-app.js';
import { expectExampleBehaviour } from './deliveries.js';

// examples/next: Stripe on an App Router route (Node.js), Standard Webhooks on an App Router
// route on the edge runtime (Web Crypto), GitHub on a Pages Router API route.
const appDir = fileURLToPath(new URL('../../examples/next', import.meta.url));
let next: NextServer | undefined;

beforeAll(async () => {
  buildNextApp(appDir, [
    'packages/signatures/src',
    'packages/core/src',
    'packages/next/src',
    'examples/common/src',
  ]);
  next = await startNextApp(appDir, '/api/webhooks/stripe');
}, 120_000);

afterAll(() => next?.stop());

describe('examples/next', () => {
  it('handles each provider once on the App Router, the edge runtime and the Pages Router', async () => {
    await expectExampleBehaviour(`${next!.origin}/api`);
  });
});
