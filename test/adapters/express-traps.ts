import { createServer } from 'node:http';
import { createReceiver } from '@hookgate/core';
import { createExpressMiddleware, type ExpressMiddlewareOptions } from '@hookgate/express';
import { stripe, twilio } from '@hookgate/signatures';
import { CONFORMANCE_BODY_TIMEOUT_MS, type MountAdapter } from '@hookgate/testing';
import type express from 'express';
import type { RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listen } from './listen.js';

type Express = typeof express;

const secret = 'whsec_express_traps';
const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

async function stripeDelivery(id: string) {
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const headers = await stripe({ secret }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  return { headers: { 'content-type': 'application/json', ...headers }, body };
}

/** An app with `before` mounted app-wide ahead of the webhook route; one delivery through it. */
async function deliverThrough(
  expressFn: Express,
  before: RequestHandler[],
  options: ExpressMiddlewareOptions = {},
) {
  let runs = 0;
  const reported: string[] = [];
  const receiver = createReceiver({
    scheme: stripe({ secret }),
    events,
    onError: (error) => void reported.push(error.code),
  }).on('invoice.paid', () => {
    runs++;
  });
  const app = expressFn();
  for (const middleware of before) app.use(middleware);
  app.post('/webhooks', createExpressMiddleware(receiver, options));
  const server = await listen(createServer(app));
  try {
    const delivery = await stripeDelivery('evt_trap');
    const response = await fetch(`${server.origin}/webhooks`, { method: 'POST', ...delivery });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      runs,
      reported,
    };
  } finally {
    await server.close();
  }
}

/** Mounts a conformance receiver on an Express app, behind `before` (body parsers) if given. */
export function expressMount(
  expressFn: Express,
  before: RequestHandler[] = [],
  options: ExpressMiddlewareOptions = {},
): MountAdapter {
  return async (receiver) => {
    const app = expressFn();
    for (const middleware of before) app.use(middleware);
    app.all(
      '/webhooks/:name',
      createExpressMiddleware(receiver, { bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS, ...options }),
    );
    const server = await listen(createServer(app));
    return { url: `${server.origin}/webhooks/conformance`, close: server.close };
  };
}

/** The Express-specific traps, for Express 4 and 5 alike. */
export function expressTraps(expressFn: Express) {
  describe('body parsers mounted before the webhook route', () => {
    it('express.json() app-wide first: a loud 500 RAW_BODY_UNAVAILABLE naming it, never a silent 2xx', async () => {
      const result = await deliverThrough(expressFn, [expressFn.json()]);
      expect(result.status).toBe(500);
      expect(result.body.code).toBe('RAW_BODY_UNAVAILABLE');
      expect(result.body.message).toContain('express.json()');
      expect(result.body.message).toContain("express.raw({ type: '*/*' })");
      expect(result.runs).toBe(0);
      // Refused by the adapter, yet reported through the receiver's onError like any rejection.
      expect(result.reported).toEqual(['RAW_BODY_UNAVAILABLE']);
    });

    it('express.text() first: the message names express.text()', async () => {
      const result = await deliverThrough(expressFn, [expressFn.text({ type: '*/*' })]);
      expect(result.status).toBe(500);
      expect(result.body.message).toContain('express.text()');
    });

    it("express.raw({ type: '*/*' }) first: the kept Buffer verifies", async () => {
      const result = await deliverThrough(expressFn, [expressFn.raw({ type: '*/*' })]);
      expect(result).toEqual({ status: 200, body: { ok: true }, runs: 1, reported: [] });
    });

    it('a JSON parser whose verify callback keeps req.rawBody: the kept bytes verify', async () => {
      const keepRaw = expressFn.json({
        verify: (req, _res, buffer) => {
          (req as unknown as { rawBody?: Buffer }).rawBody = buffer;
        },
      });
      const result = await deliverThrough(expressFn, [keepRaw]);
      expect(result).toEqual({ status: 200, body: { ok: true }, runs: 1, reported: [] });
    });

    it('express.json() app-wide does not break a form-encoded webhook it skipped (stream untouched)', async () => {
      const token = 'express-twilio-token';
      const receiver = createReceiver({ scheme: twilio({ secret: token }) });
      let seen: unknown;
      receiver.onEvery((payload) => {
        seen = payload;
      });
      const app = expressFn().use(expressFn.json()).post('/sms', createExpressMiddleware(receiver));
      const server = await listen(createServer(app));
      try {
        const body = 'MessageSid=SM1&Body=hi';
        const url = `${server.origin}/sms`;
        const headers = await twilio({ secret: token }).sign({ body, url });
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        expect(response.status).toBe(200);
        // The catch-all got the form exactly as sent: the JSON parser left the stream alone.
        expect(seen).toEqual({ MessageSid: 'SM1', Body: 'hi' });
      } finally {
        await server.close();
      }
    });
  });

  describe('the public URL of URL-signed schemes', () => {
    const token = 'express-url-token';

    async function twilioThrough(
      options: ExpressMiddlewareOptions,
      signedUrl: string,
      extra: Record<string, string>,
    ) {
      const receiver = createReceiver({ scheme: twilio({ secret: token }) });
      const app = expressFn().post('/twilio', createExpressMiddleware(receiver, options));
      const server = await listen(createServer(app));
      try {
        const body = 'CallSid=CA9&CallStatus=ringing';
        const headers = await twilio({ secret: token }).sign({ body, url: signedUrl });
        const response = await fetch(`${server.origin}/twilio?x=1`, {
          method: 'POST',
          headers: { ...headers, ...extra, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      } finally {
        await server.close();
      }
    }

    it('rebuilds it from X-Forwarded-Proto and X-Forwarded-Host when trustProxy is on', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' };
      const result = await twilioThrough(
        { trustProxy: true },
        'https://hooks.example.com/twilio?x=1',
        forwarded,
      );
      expect(result.status).toBe(200);
      const ignored = await twilioThrough({}, 'https://hooks.example.com/twilio?x=1', forwarded);
      expect(ignored.status).toBe(401);
    });

    it('uses a given publicUrl, as a string or a function of the request', async () => {
      const url = 'https://public.example.com/twilio?x=1';
      expect((await twilioThrough({ publicUrl: url }, url, {})).status).toBe(200);
      const fromRequest = await twilioThrough(
        { publicUrl: (req) => `https://public.example.com${req.originalUrl}` },
        url,
        {},
      );
      expect(fromRequest.status).toBe(200);
    });
  });
}
