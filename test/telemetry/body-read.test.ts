// The receive span and `hookgate.ack.duration` cover the body read, on the Node layer (a real
// node:http server, a body sent in two pieces with a pause) and on the web path
// (`receiver.fetch` over a streamed body): operators compare them with the sender's deadline.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { createNodeHandler } from '@hookgate/core/node';
import { stripe } from '@hookgate/signatures';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawExchange, requestHead } from '../reliability/raw-http.js';
import { registerInMemoryOtel } from '../support/otel.js';

const otel = registerInMemoryOtel();
afterAll(() => otel.shutdown());
beforeEach(() => otel.reset());

const SECRET = 'whsec_body_read_secret';
const PAUSE_MS = 300;

function receiver() {
  return createReceiver({
    scheme: stripe({ secret: SECRET }),
    store: createMemoryStore(),
    logger: false,
  }).onEvery(() => undefined);
}

async function signedDelivery(id: string) {
  const body = JSON.stringify({ id, type: 'invoice.paid', padding: 'x'.repeat(64) });
  const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  return { body, headers: headers as Record<string, string> };
}

/** The `hookgate.ack.duration` recorded with `attributes` while `run` ran, in seconds. */
const ackDuring = (attributes: Record<string, unknown>, run: () => Promise<void>) =>
  otel.grownDuring('hookgate.ack.duration', attributes, run);

/** A POST head with a Content-Length for the whole `body`. */
function head(headers: Record<string, string>, body: string): string {
  const all = {
    host: '127.0.0.1',
    ...headers,
    'content-type': 'application/json',
    'content-length': String(body.length),
  };
  return requestHead('POST', '/webhooks/stripe', Object.entries(all)).toString('latin1');
}

const bytes = (text: string) => Buffer.from(text, 'latin1');

function receiveSpanMs(): number {
  const [span] = otel.finishedSpans().filter((s) => s.name === 'webhook receive stripe');
  expect(span).toBeDefined();
  const [seconds, nanos] = span!.duration;
  return seconds * 1000 + nanos / 1e6;
}

describe('over node:http', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function listen(handler: ReturnType<typeof createNodeHandler>): Promise<number> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server!.address() as AddressInfo).port;
  }

  it('a body that arrives in two pieces with a pause: the answer is 200 and both measures cover the pause', async () => {
    const port = await listen(createNodeHandler(receiver()));
    const { body, headers } = await signedDelivery('evt_split_body');
    const half = Math.floor(body.length / 2);
    const ack = await ackDuring({ 'hookgate.outcome': 'handled' }, async () => {
      const exchange = await rawExchange(
        port,
        [head(headers, body) + body.slice(0, half), body.slice(half)].map(bytes),
        {
          gapMs: PAUSE_MS,
        },
      );
      expect(exchange.responses[0]?.status).toBe(200);
    });
    expect(ack).toBeGreaterThanOrEqual(PAUSE_MS / 1000);
    expect(receiveSpanMs()).toBeGreaterThanOrEqual(PAUSE_MS);
  });

  it('a slow drip answered 408: the refusal is measured from the request, not from the refusal', async () => {
    const timeoutMs = 200;
    const port = await listen(createNodeHandler(receiver(), { bodyTimeoutMs: timeoutMs }));
    const { body, headers } = await signedDelivery('evt_drip_body');
    const ack = await ackDuring({ 'hookgate.error.code': 'BODY_READ_TIMEOUT' }, async () => {
      const exchange = await rawExchange(port, [bytes(head(headers, body) + body.slice(0, 10))]);
      expect(exchange.responses[0]?.status).toBe(408);
    });
    expect(ack).toBeGreaterThanOrEqual(timeoutMs / 1000);
    expect(receiveSpanMs()).toBeGreaterThanOrEqual(timeoutMs);
  });
});

describe('receiver.fetch', () => {
  it('a streamed body with a pause: both measures cover the read', async () => {
    const { body, headers } = await signedDelivery('evt_web_split');
    const bytes = new TextEncoder().encode(body);
    const half = Math.floor(bytes.length / 2);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(bytes.subarray(0, half));
        else if (sent === 1) {
          await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
          controller.enqueue(bytes.subarray(half));
        } else controller.close();
        sent++;
      },
    });
    const request = new Request('https://hooks.example.com/stripe', {
      method: 'POST',
      headers,
      body: stream,
      // @ts-expect-error Node's Request needs duplex for a streamed body; lib.dom lacks it
      duplex: 'half',
    });
    const ack = await ackDuring({ 'hookgate.outcome': 'handled' }, async () => {
      expect((await receiver().fetch(request)).status).toBe(200);
    });
    expect(ack).toBeGreaterThanOrEqual(PAUSE_MS / 1000);
    expect(receiveSpanMs()).toBeGreaterThanOrEqual(PAUSE_MS);
  });
});
