import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createReceiver, type WebhookError } from '@hookgate/core';
import { createHonoMiddleware, type HonoMiddlewareOptions } from '@hookgate/hono';
import { stripe, twilio } from '@hookgate/signatures';
import {
  CONFORMANCE_BODY_TIMEOUT_MS,
  failingPublicUrl,
  type MountAdapter,
  runAdapterConformance,
} from '@hookgate/testing';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listen } from './listen.js';
import { sdkSigners } from './sdk-signers.js';

/** A Hono app served by `@hono/node-server` on 127.0.0.1, the middleware on the conformance route. */
function honoMount(options: HonoMiddlewareOptions = {}): MountAdapter {
  return async (receiver) => {
    const app = new Hono().all(
      '/webhooks/conformance',
      createHonoMiddleware(receiver, { bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS, ...options }),
    );
    const { origin, close } = await listen(createAdaptorServer({ fetch: app.fetch }) as Server);
    return { url: `${origin}/webhooks/conformance`, close };
  };
}

runAdapterConformance(
  honoMount(),
  { describe, it },
  {
    signers: sdkSigners,
    bodyTimeout: true,
    mountWithFailingPublicUrl: honoMount({ publicUrl: failingPublicUrl }),
  },
);

describe('Hono traps', () => {
  const secret = 'whsec_hono_traps';
  const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

  function setup() {
    const runs: unknown[] = [];
    const errors: WebhookError[] = [];
    const receiver = createReceiver({
      scheme: stripe({ secret }),
      events,
      onError: (error) => {
        errors.push(error);
      },
    }).on('invoice.paid', (payload) => {
      runs.push(payload);
    });
    return { receiver, runs, errors };
  }

  async function delivery(id: string, body = JSON.stringify({ id, type: 'invoice.paid' })) {
    const headers = await stripe({ secret }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
    return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  }

  const readFirst =
    (read: (c: Context) => Promise<unknown>): MiddlewareHandler =>
    async (c, next) => {
      await read(c);
      await next();
    };
  // [label, reader, content type of the delivery]: formData() needs a form body.
  const readers: [string, MiddlewareHandler, string][] = [
    ['c.req.json()', readFirst((c) => c.req.json()), 'application/json'],
    ['c.req.text()', readFirst((c) => c.req.text()), 'application/json'],
    ['c.req.formData()', readFirst((c) => c.req.formData()), 'application/x-www-form-urlencoded'],
    ['c.req.raw.text()', readFirst((c) => c.req.raw.text()), 'application/json'],
  ];

  for (const [label, reader, contentType] of readers) {
    it(`answers 500 RAW_BODY_UNAVAILABLE through onError after ${label} (app.request)`, async () => {
      const { receiver, runs, errors } = setup();
      const app = new Hono();
      app.use('/hooks/*', reader);
      app.post('/hooks/stripe', createHonoMiddleware(receiver));
      const signed = await delivery('evt_read');
      const response = await app.request('/hooks/stripe', {
        ...signed,
        headers: { ...signed.headers, 'content-type': contentType },
      });
      expect(response.status).toBe(500);
      const answer = (await response.json()) as { code: string; message: string };
      expect(answer.code).toBe('RAW_BODY_UNAVAILABLE');
      expect(answer.message).toMatch(/raw bytes/);
      expect(errors.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
      expect(runs).toEqual([]);
    });
  }

  it('answers 500 RAW_BODY_UNAVAILABLE over real HTTP (@hono/node-server) after c.req.json()', async () => {
    const { receiver, runs, errors } = setup();
    const app = new Hono();
    app.use('*', async (c, next) => {
      await c.req.json();
      await next();
    });
    app.post('/stripe', createHonoMiddleware(receiver));
    const { origin, close } = await listen(createAdaptorServer({ fetch: app.fetch }) as Server);
    try {
      const response = await fetch(`${origin}/stripe`, await delivery('evt_node_read'));
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
      expect(errors.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
      expect(runs).toEqual([]);
    } finally {
      await close();
    }
  });

  it('verifies the exact bytes Hono kept after c.req.arrayBuffer() or c.req.blob(), byte-order mark included', async () => {
    for (const read of ['arrayBuffer', 'blob'] as const) {
      const { receiver, runs } = setup();
      const app = new Hono();
      app.use('*', async (c, next) => {
        await c.req[read]();
        await next();
      });
      app.post('/stripe', createHonoMiddleware(receiver));
      // A byte-order mark: Response.text() would drop it, so a decoded copy would not verify.
      const body = `\uFEFF${JSON.stringify({ id: `evt_${read}`, type: 'invoice.paid' })}`;
      const first = await app.request('/stripe', await delivery('', body));
      expect(first.status).toBe(200);
      expect(runs).toEqual([{ id: `evt_${read}`, type: 'invoice.paid' }]);
      const duplicate = await app.request('/stripe', await delivery('', body));
      expect(await duplicate.json()).toEqual({ ok: true, duplicate: true });
    }
  });

  it('refuses kept bytes over the limit with 413, and tampered kept bytes with 401', async () => {
    const runs: unknown[] = [];
    const receiver = createReceiver({ scheme: stripe({ secret }), events, maxBodyBytes: 64 }).on(
      'invoice.paid',
      (payload) => void runs.push(payload),
    );
    const app = new Hono();
    app.use('*', async (c, next) => {
      await c.req.arrayBuffer();
      await next();
    });
    app.post('/stripe', createHonoMiddleware(receiver));
    const large = await delivery('', JSON.stringify({ id: `evt_${'x'.repeat(100)}`, type: 'invoice.paid' }));
    expect((await app.request('/stripe', large)).status).toBe(413);
    const small = await delivery('evt_small');
    const tampered = await app.request('/stripe', { ...small, body: small.body.replace('evt_', 'evt-') });
    expect(await tampered.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(runs).toEqual([]);
  });

  it('verifies a Twilio URL signature against the configured or proxied public URL, and after parseBody()', async () => {
    const token = 'hono-twilio-token';
    const payloads: unknown[] = [];
    const receiver = createReceiver({
      scheme: twilio({ secret: token }),
      events: { 'call.status': z.object({ CallSid: z.string() }) },
    }).on('call.status', (payload) => void payloads.push(payload));
    const signedUrl = 'https://hooks.example.com/twilio?tenant=acme';
    const app = new Hono();
    app.post('/twilio', createHonoMiddleware(receiver, { publicUrl: signedUrl }));
    app.post('/proxied', createHonoMiddleware(receiver, { trustProxy: true }));
    // parseBody() reads a form through c.req.arrayBuffer(), so Hono keeps the exact bytes.
    app.use('/parsed', async (c, next) => {
      expect(await c.req.parseBody()).toMatchObject({ CallSid: 'CA0001' });
      await next();
    });
    app.post('/parsed', createHonoMiddleware(receiver));
    const body = 'CallSid=CA0001&CallStatus=completed';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const sign = (url: string) => twilio({ secret: token }).sign({ body, url });

    const configured = await app.request('http://internal:3000/twilio?tenant=acme', {
      method: 'POST',
      headers: { ...headers, ...(await sign(signedUrl)) },
      body,
    });
    expect(configured.status).toBe(200);
    const proxied = await app.request('http://internal:3000/proxied?x=1', {
      method: 'POST',
      headers: {
        ...headers,
        ...(await sign('https://hooks.example.com/proxied?x=1')),
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'hooks.example.com',
      },
      body,
    });
    expect(proxied.status).toBe(200);
    const parsed = await app.request('/parsed', {
      method: 'POST',
      headers: { ...headers, ...(await sign('http://localhost/parsed')) },
      body,
    });
    expect(parsed.status).toBe(200);
    expect(payloads).toHaveLength(3);
  });
});
