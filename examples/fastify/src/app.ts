import { hookgatePlugin } from '@hookgate/fastify';
import Fastify from 'fastify';
import type { ExampleReceivers } from 'hookgate-example-common';

/**
 * The example app. Each webhook route answers before Fastify parses anything, so the app's
 * JSON routes (like `/api/echo`) keep Fastify's JSON parsing and no parser sees a webhook body.
 */
export async function createApp(receivers: ExampleReceivers) {
  const app = Fastify();
  await app.register(hookgatePlugin, { path: '/webhooks/stripe', receiver: receivers.stripe });
  await app.register(hookgatePlugin, { path: '/webhooks/github', receiver: receivers.github });
  await app.register(hookgatePlugin, { path: '/webhooks/standard', receiver: receivers.standard });
  app.post('/api/echo', async (request) => ({ received: request.body }));
  return app;
}
