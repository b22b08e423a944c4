import { createReceiver } from '@hookgate/core';
import { type HookgatePluginOptions, hookgatePlugin } from '@hookgate/fastify';
import { stripe } from '@hookgate/signatures';
import {
  CONFORMANCE_BODY_TIMEOUT_MS,
  failingPublicUrl,
  type MountAdapter,
  runAdapterConformance,
} from '@hookgate/testing';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sdkSigners } from './sdk-signers.js';

/** A Fastify 5 app on 127.0.0.1 with the plugin on the conformance route. */
function fastifyMount(options: Partial<HookgatePluginOptions> = {}): MountAdapter {
  return async (receiver) => {
    const app = Fastify();
    await app.register(hookgatePlugin, {
      path: '/webhooks/conformance',
      receiver,
      bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS,
      ...options,
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${origin}/webhooks/conformance`, close: () => app.close() };
  };
}

runAdapterConformance(
  fastifyMount(),
  { describe, it },
  {
    signers: sdkSigners,
    nodeLayer: true,
    mountWithFailingPublicUrl: fastifyMount({ publicUrl: failingPublicUrl }),
  },
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

  it('verifies a delivery whatever its Content-Type: no parser stands between the socket and the receiver', async () => {
    const app = Fastify();
    const runs: unknown[] = [];
    const receiver = createReceiver({ scheme: stripe({ secret }), events }).on('invoice.paid', (payload) => {
      runs.push(payload);
    });
    await app.register(hookgatePlugin, { path: '/stripe', receiver });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // Types Fastify would refuse before any route (415, or 400 for one it cannot parse).
      for (const [index, type] of ['/', 'application/vnd.sender+json', 'text/plain'].entries()) {
        const signed = await delivery(`evt_type_${index}`);
        const response = await fetch(`${origin}/stripe`, {
          ...signed,
          headers: { ...signed.headers, 'content-type': type },
        });
        expect(response.status).toBe(200);
      }
      expect(runs).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  it("runs the app's onRequest, onSend and onResponse hooks around the webhook route, and sends what they throw to its error handler", async () => {
    const app = Fastify();
    const seen: string[] = [];
    app.addHook('onRequest', async (request) => {
      seen.push('onRequest');
      if (request.headers['x-blocked'] === '1')
        throw Object.assign(new Error('blocked'), { code: 'APP_BLOCKED' });
    });
    app.addHook('preHandler', async () => {
      seen.push('preHandler');
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      seen.push('onSend');
      reply.header('x-app', 'seen');
      return payload;
    });
    app.addHook('onResponse', async () => {
      seen.push('onResponse');
    });
    app.setErrorHandler<{ code: string }>((error, _request, reply) =>
      reply.code(418).send({ fromApp: error.code }),
    );
    const receiver = createReceiver({ scheme: stripe({ secret }), events });
    await app.register(hookgatePlugin, { path: '/stripe', receiver });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const answered = await fetch(`${origin}/stripe`, await delivery('evt_hooks'));
      expect(answered.status).toBe(200);
      expect(answered.headers.get('x-app')).toBe('seen');
      await expect.poll(() => seen).toEqual(['onRequest', 'onSend', 'onResponse']);

      const signed = await delivery('evt_blocked');
      const blocked = await fetch(`${origin}/stripe`, {
        ...signed,
        headers: { ...signed.headers, 'x-blocked': '1' },
      });
      expect(blocked.status).toBe(418);
      expect(await blocked.json()).toEqual({ fromApp: 'APP_BLOCKED' });
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
