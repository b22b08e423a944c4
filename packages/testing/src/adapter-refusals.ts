import assert from 'node:assert/strict';
import { stripe } from '@hookgate/signatures';
import {
  CONFORMANCE_BODY_TIMEOUT_MS,
  CONFORMANCE_MAX_BODY_BYTES,
  type ConformanceReceiver,
  encoder,
  invoice,
  json,
  type MountAdapter,
  nowSeconds,
  post,
  STRIPE_SECRET,
  signed,
  stripeReceiver,
  TEST_SLACK_MS,
  withMounted,
} from './conformance-support.js';
import { rawRequest } from './raw-http.js';
import type { TestApi } from './test-api.js';

/** Options of {@link runRefusalConformance}. */
export interface RefusalConformanceOptions {
  /** See `AdapterConformanceOptions.bufferedBody`. */
  bufferedBody?: boolean | undefined;
  /** See `AdapterConformanceOptions.nodeLayer`. */
  nodeLayer?: boolean | undefined;
  /** See `AdapterConformanceOptions.bodyTimeout`. */
  bodyTimeout?: boolean | undefined;
  /** See `AdapterConformanceOptions.mountBehindParser`. */
  mountBehindParser?: MountAdapter | undefined;
  /** See `AdapterConformanceOptions.mountWithFailingPublicUrl`. */
  mountWithFailingPublicUrl?: MountAdapter | undefined;
}

/**
 * The refusals, each with the same status, JSON body, headers and (on the Node layer) the same
 * connection handling in every adapter: the connection closes after a refusal that left the
 * body unread (413, 408) and stays open after every other answer.
 */
export function runRefusalConformance(
  mount: MountAdapter,
  it: TestApi['it'],
  options: RefusalConformanceOptions,
): void {
  /** On the Node layer: `connection: close` exactly when the body was left unread. */
  const connection = (response: Response, unread: boolean) => {
    if (!options.nodeLayer) return;
    const value = response.headers.get('connection')?.toLowerCase();
    if (unread) assert.equal(value, 'close', 'a refusal that left the body unread must close the connection');
    else assert.notEqual(value, 'close', 'a fully read request must keep its connection');
  };

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE (declared Content-Length)', async () => {
    const { receiver, runs } = stripeReceiver();
    await withMounted(mount, receiver, async (url) => {
      const body = encoder.encode(invoice(`evt_${'x'.repeat(CONFORMANCE_MAX_BODY_BYTES)}`));
      const response = await post(url, await signed(stripe({ secret: STRIPE_SECRET }), body));
      connection(response, !options.bufferedBody);
      await json(response, 413, 'PAYLOAD_TOO_LARGE');
      assert.equal(runs.payloads.length, 0);
    });
  });

  // Paced, so that the client reads the 413 before its next write meets the closed connection
  // (a write error would fail the fetch before the response is read).
  const chunkBytes = 16_384;
  const chunkEveryMs = 10;
  const streamedTotal = options.bufferedBody ? 4 * CONFORMANCE_MAX_BODY_BYTES : 64 * 1024 * 1024;
  // Long enough to send all of it (41 s for 64 MiB), so that a server that reads it all fails
  // on the assertion that says so, not on the runner's time limit.
  const streamedMs = Math.ceil(streamedTotal / chunkBytes) * chunkEveryMs;
  it(
    'refuses a chunked body with no Content-Length once it passes the limit, without reading it all',
    async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const total = streamedTotal;
        const body = drip(new Uint8Array(chunkBytes).fill(0x20), total, chunkEveryMs);
        const response = await postStream(url, body.stream);
        connection(response, !options.bufferedBody);
        await json(response, 413, 'PAYLOAD_TOO_LARGE');
        body.stop();
        if (!options.bufferedBody) {
          assert.ok(body.sent() < total, `the server read the whole ${total}-byte body before answering`);
        }
        assert.equal(runs.payloads.length, 0);
      });
    },
    streamedMs + TEST_SLACK_MS,
  );

  if (options.nodeLayer || options.bodyTimeout) {
    // How late the 408 may come: the limit, a Node layer check up to an eighth of it late,
    // and a busy machine.
    const latest408Ms = 3 * CONFORMANCE_BODY_TIMEOUT_MS + 2_000;
    it(
      `cuts a slow-drip body off with 408 BODY_READ_TIMEOUT after ${CONFORMANCE_BODY_TIMEOUT_MS} ms`,
      async () => {
        const { receiver, runs } = stripeReceiver();
        await withMounted(mount, receiver, async (url) => {
          // One byte every 100 ms: the whole body would take minutes.
          const body = drip(Uint8Array.of(0x20), 1_000_000, 100);
          const started = Date.now();
          const response = await postStream(url, body.stream);
          connection(response, true);
          await json(response, 408, 'BODY_READ_TIMEOUT');
          body.stop();
          assert.ok(Date.now() - started < latest408Ms, 'the 408 came too late');
          assert.equal(runs.payloads.length, 0);
        });
      },
      latest408Ms + TEST_SLACK_MS,
    );
  }

  for (const method of ['GET', 'PUT', 'DELETE']) {
    it(`passes ${method} to the receiver: 405 METHOD_NOT_ALLOWED with Allow: POST`, async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const body = method === 'PUT' ? invoice('evt_put') : undefined;
        const response = await fetch(url, { method, body });
        assert.equal(response.headers.get('allow'), 'POST');
        connection(response, false);
        await json(response, 405, 'METHOD_NOT_ALLOWED');
        assert.equal(runs.payloads.length, 0);
      });
    });
  }

  it('answers HEAD with 405 and Allow: POST, and sends no body (RFC 9110 §9.3.2)', async () => {
    const { receiver, runs } = stripeReceiver();
    await withMounted(mount, receiver, async (url) => {
      const answer = await rawRequest('HEAD', url);
      assert.equal(answer.status, 405);
      assert.equal(answer.headers.allow, 'POST');
      // Content after the headers would be read as the start of the next answer on the connection.
      assert.equal(answer.rest.toString('latin1'), '', 'a HEAD answer must carry no body');
      assert.equal(runs.payloads.length, 0);
    });
  });

  it('refuses a delivery without its signature header with 400 MISSING_HEADER, keeping the connection', async () => {
    const { receiver } = stripeReceiver();
    await withMounted(mount, receiver, async (url) => {
      const response = await post(url, {
        headers: { 'content-type': 'application/json' },
        body: encoder.encode(invoice('evt_unsigned')),
      });
      connection(response, false);
      await json(response, 400, 'MISSING_HEADER');
    });
  });

  it('refuses a bad signature with 401 INVALID_SIGNATURE, keeping the connection', async () => {
    const { receiver } = stripeReceiver();
    await withMounted(mount, receiver, async (url) => {
      const response = await post(url, {
        headers: {
          'content-type': 'application/json',
          'stripe-signature': `t=${nowSeconds()},v1=${'0'.repeat(64)}`,
        },
        body: encoder.encode(invoice('evt_forged')),
      });
      connection(response, false);
      await json(response, 401, 'INVALID_SIGNATURE');
    });
  });

  it('answers 503 RECEIVER_CLOSED once the receiver is closed (shutdown), running nothing and keeping the connection', async () => {
    const { receiver, runs } = stripeReceiver();
    await withMounted(mount, receiver, async (url) => {
      await receiver.close();
      const response = await post(
        url,
        await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_closed')),
      );
      connection(response, false);
      await json(response, 503, 'RECEIVER_CLOSED');
      assert.equal(runs.payloads.length, 0);
    });
  });

  const failingUrl = options.mountWithFailingPublicUrl;
  if (failingUrl) {
    it('answers 500 INTERNAL_ERROR when the publicUrl function throws, reported and without its text', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(failingUrl, receiver, async (url) => {
        const response = await post(url, await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_url')));
        connection(response, false);
        const body = await json(response, 500, 'INTERNAL_ERROR');
        assert.doesNotMatch(JSON.stringify(body), /hunter2|tenant lookup/);
        assert.equal(runs.payloads.length, 0);
        assert.deepEqual(runs.errors, ['INTERNAL_ERROR']);
      });
    });
  }

  const behindParser = options.mountBehindParser;
  if (behindParser) {
    it("answers 500 RAW_BODY_UNAVAILABLE when the framework's body parser consumed the body", async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(behindParser, receiver as ConformanceReceiver, async (url) => {
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_parsed'));
        const response = await post(url, delivery);
        connection(response, false);
        const body = await json(response, 500, 'RAW_BODY_UNAVAILABLE');
        assert.match(String(body.message), /raw bytes/);
        assert.equal(runs.payloads.length, 0);
      });
    });
  }
}

/**
 * A body stream that sends `chunk` every `everyMs` until `total` bytes, or until `stop()`
 * aborts it: an aborted body makes the client drop the connection, so that no later test
 * reuses one whose request body the server never finished reading.
 */
function drip(chunk: Uint8Array, total: number, everyMs: number) {
  let sent = 0;
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  let stopped = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
    },
    async pull(controller) {
      if (stopped) return;
      if (sent >= total) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      if (stopped) return;
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (sent < total) stream.error(new Error('the test stopped sending'));
  };
  return { stream: body, sent: () => sent, stop };
}

/** A chunked POST (no Content-Length) with a Stripe signature that will not match. */
function postStream(url: string, body: ReadableStream<Uint8Array>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': `t=${nowSeconds()},v1=${'0'.repeat(64)}`,
    },
    body,
    // @ts-expect-error Node's fetch needs duplex for a streamed body; lib.dom lacks it
    duplex: 'half',
  });
}
