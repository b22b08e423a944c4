import { createReceiver } from '@hookgate/core';
import { hookgatePlugin } from '@hookgate/fastify';
import { stripe } from '@hookgate/signatures';
import { CONFORMANCE_BODY_TIMEOUT_MS, runAdapterConformance } from '@hookgate/testing';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sdkSigners } from './sdk-signers.js';

runAdapterConformance(
  async (receiver) => {
    const app = Fastify();
    await app.register(hookgatePlugin, {
      path: '/webhooks/conformance',
      receiver,
      bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS,
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${origin}/webhooks/conformance`, close: () => app.close() };
  },
  { describe, it },
  { signers: sdkSigners, nodeLayer: true },
);

describe('Fastify traps', () => {
  const secret = 'whsec_fastify_traps';
  const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

  async function delivery(id: string) {
    const body = JSON.stringify({ id, type: 'invoice.paid' });
    const headers = await stripe({ secret }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
    return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  }

  it('an app-wide JSON parser keeps parsing the other routes while the webhook route verifies raw bytes', async () => {
    const app = Fastify();
    let parsedByApp = 0;
    // Registered on the root before the plugin: inherited by every child context.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      parsedByApp++;
      done(null, JSON.parse(body as string));
    });
    app.post('/api/items', async (request) => ({ received: request.body }));
    const runs: unknown[] = [];
    const receiver = createReceiver({ scheme: stripe({ secret }), events }).on('invoice.paid', (payload) => {
      runs.push(payload);
    });
    await app.register(hookgatePlugin, { prefix: '/hooks', path: '/stripe', receiver });
    app.post('/api/later', async (request) => ({ received: request.body }));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const webhook = await fetch(`${origin}/hooks/stripe`, await delivery('evt_fastify'));
      expect(webhook.status).toBe(200);
      expect(runs).toEqual([{ id: 'evt_fastify', type: 'invoice.paid' }]);
      expect(parsedByApp).toBe(0);

      for (const path of ['/api/items', '/api/later']) {
        const json = await fetch(`${origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'widget' }),
        });
        expect(await json.json()).toEqual({ received: { name: 'widget' } });
      }
      expect(parsedByApp).toBe(2);
    } finally {
      await app.close();
    }
  });

  it("leaves errors other than the body limit to the app's error handler", async () => {
    const app = Fastify();
    app.setErrorHandler<{ code: string }>((error, _request, reply) =>
      reply.code(418).send({ fromApp: error.code }),
    );
    const receiver = createReceiver({ scheme: stripe({ secret }), events });
    await app.register(hookgatePlugin, { path: '/stripe', receiver });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // A Content-Type Fastify cannot parse as a media type at all.
      const response = await fetch(`${origin}/stripe`, {
        ...(await delivery('evt_x')),
        headers: { 'content-type': '/' },
      });
      expect(response.status).toBe(418);
      expect(await response.json()).toEqual({ fromApp: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    } finally {
      await app.close();
    }
  });

  it('rebuilds the public URL from X-Forwarded-* only with trustProxy', async () => {
    const { twilio } = await import('@hookgate/signatures');
    const token = 'fastify-twilio-token';
    const body = 'CallSid=CA7&CallStatus=ringing';
    const signedUrl = 'https://hooks.example.com/twilio';
    const headers = await twilio({ secret: token }).sign({ body, url: signedUrl });
    const statuses: number[] = [];
    for (const trustProxy of [true, false]) {
      const app = Fastify();
      const receiver = createReceiver({ scheme: twilio({ secret: token }) });
      await app.register(hookgatePlugin, { path: '/twilio', receiver, trustProxy });
      const origin = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const response = await fetch(`${origin}/twilio`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-proto': 'https',
            'x-forwarded-host': 'hooks.example.com',
          },
          body,
        });
        statuses.push(response.status);
      } finally {
        await app.close();
      }
    }
    expect(statuses).toEqual([200, 401]);
  });
});
