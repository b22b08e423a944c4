import { createServer, type IncomingMessage } from 'node:http';
import { createReceiver } from '@hookgate/core';
import { createKoaMiddleware, type KoaMiddlewareOptions } from '@hookgate/koa';
import { github, stripe } from '@hookgate/signatures';
import {
  CONFORMANCE_BODY_TIMEOUT_MS,
  failingPublicUrl,
  type MountAdapter,
  runAdapterConformance,
} from '@hookgate/testing';
import { bodyParser } from '@koa/bodyparser';
import Koa, { type Middleware } from 'koa';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listen } from './listen.js';
import { sdkSigners } from './sdk-signers.js';

/** A Koa 3 app on 127.0.0.1: `before` (body parsers) app-wide, then the webhook middleware. */
function koaMount(before: Middleware[] = [], options: KoaMiddlewareOptions = {}): MountAdapter {
  return async (receiver) => {
    const app = new Koa();
    for (const middleware of before) app.use(middleware);
    app.use(createKoaMiddleware(receiver, { bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS, ...options }));
    const server = await listen(createServer(app.callback()));
    return { url: `${server.origin}/webhooks/conformance`, close: server.close };
  };
}

/** A JSON parser that keeps no copy of the raw bytes (as koa-body does by default). */
const parseJsonOnly: Middleware = async (ctx, next) => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req as IncomingMessage) chunks.push(chunk as Buffer);
  (ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  await next();
};

runAdapterConformance(
  koaMount(),
  { describe, it },
  {
    signers: sdkSigners,
    nodeLayer: true,
    mountBehindParser: koaMount([parseJsonOnly]),
    mountWithFailingPublicUrl: koaMount([], { publicUrl: failingPublicUrl }),
  },
);

describe('Koa traps', () => {
  const secret = 'whsec_koa_traps';
  const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

  async function through(before: Middleware[], body: Uint8Array | string, headers: Record<string, string>) {
    const runs: unknown[] = [];
    const receiver = createReceiver({ scheme: stripe({ secret }), events }).on('invoice.paid', (payload) => {
      runs.push(payload);
    });
    const mounted = await koaMount(before)(receiver);
    try {
      const signed = await stripe({ secret }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
      const response = await fetch(mounted.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...signed },
        body: body as BodyInit,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown>, runs };
    } finally {
      await mounted.close();
    }
  }

  it('@koa/bodyparser first: its rawBody is the exact bytes and verifies; the handler runs once', async () => {
    // Whitespace and key order a re-serialisation would change.
    const body = '{ "type": "invoice.paid",  "id": "evt_koa" }';
    const result = await through([bodyParser()], body, {});
    expect(result.status).toBe(200);
    expect(result.runs).toEqual([{ id: 'evt_koa', type: 'invoice.paid' }]);
  });

  it('@koa/bodyparser first with bytes that are not UTF-8: a loud 500 RAW_BODY_UNAVAILABLE, never a 401', async () => {
    const body = new Uint8Array([...Buffer.from('{"id":"evt_\xff","type":"invoice.paid"}', 'latin1')]);
    const result = await through([bodyParser()], body, {});
    expect(result.status).toBe(500);
    expect(result.body.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(result.body.message).toContain('@koa/bodyparser');
    expect(result.runs).toEqual([]);
  });

  it('@koa/bodyparser first with a byte-order mark it stripped: refused, not verified against other bytes', async () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"id":"evt_bom","type":"invoice.paid"}')]);
    const result = await through([bodyParser()], body, {});
    expect(result.status).toBe(500);
    expect(result.body.code).toBe('RAW_BODY_UNAVAILABLE');
  });

  it('@koa/bodyparser first leaves a type it does not parse unread: the Node layer reads it', async () => {
    const token = 'koa-github';
    const receiver = createReceiver({ scheme: github({ secret: token }) });
    const mounted = await koaMount([bodyParser()])(receiver);
    try {
      const body = 'payload=%7B%7D';
      const headers = await github({ secret: token }).sign({ body });
      const response = await fetch(mounted.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'x-github-event': 'ping' },
        body,
      });
      // Signature verified over the untouched stream; a form body that is not JSON is a 400.
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('INVALID_PAYLOAD');
    } finally {
      await mounted.close();
    }
  });
});
