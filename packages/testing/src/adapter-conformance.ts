import assert from 'node:assert/strict';
import { createReceiver, type EventSchemas, type Receiver } from '@hookgate/core';
import { github, type Scheme, standardWebhooks, stripe, twilio } from '@hookgate/signatures';
import { z } from 'zod';
import { resolveTestApi, type TestApi } from './test-api.js';

/** The receiver surface an adapter uses: any `Receiver<TEvents>` fits. */
export type ConformanceReceiver = Pick<
  Receiver<EventSchemas>,
  'handle' | 'reject' | 'fetch' | 'maxBodyBytes'
>;

/** A receiver mounted in a running server. */
export interface MountedAdapter {
  /** The absolute URL of the webhook route (`http://127.0.0.1:<port>/…`). */
  url: string;
  /** Unmounts the receiver (stops the server, when one was started for it). */
  close(): Promise<void>;
}

/** Boots the framework with `receiver` mounted and resolves with its URL. */
export type MountAdapter = (receiver: ConformanceReceiver) => Promise<MountedAdapter>;

/** Options of {@link runAdapterConformance}. */
export interface AdapterConformanceOptions {
  /**
   * The server reads every request body to its end before the adapter sees it (Next.js's edge
   * sandbox under `next start` buffers it), so a streamed body over the limit is still
   * refused with 413, but the suite does not expect the read to stop early.
   * @default false
   */
  bufferedBody?: boolean;
  /**
   * Other signers to prove byte compatibility with, such as the providers' official SDKs: each
   * one signs a second delivery that must reach the typed handler exactly once as well.
   */
  signers?: Partial<Record<ConformanceProvider, ConformanceSigner>>;
}

/** The providers whose deliveries the suite sends. */
export type ConformanceProvider = 'stripe' | 'github' | 'standard-webhooks';

/** Signs a delivery as some sender would; resolves with the headers to send. */
export type ConformanceSigner = (delivery: {
  body: string;
  secret: string;
  id: string;
  timestamp: number;
}) => Record<string, string> | Promise<Record<string, string>>;

/** The body limit of every receiver the suite creates (for servers that must know it in advance). */
export const CONFORMANCE_MAX_BODY_BYTES = 65_536;

const STRIPE_SECRET = 'whsec_conformance_stripe';
const GITHUB_SECRET = 'conformance-github';
const STANDARD_SECRET = 'whsec_Y29uZm9ybWFuY2Utc3RhbmRhcmQtd2ViaG9va3M=';
const TWILIO_TOKEN = 'conformance-twilio-auth-token';

const invoicePaid = z.object({
  id: z.string(),
  type: z.literal('invoice.paid'),
  data: z.object({ amount: z.number() }),
});
const issuesOpened = z.object({ action: z.literal('opened'), issue: z.object({ number: z.number() }) });
const userCreated = z.object({ type: z.literal('user.created'), data: z.object({ id: z.string() }) });
const callStatus = z.object({ CallSid: z.string(), CallStatus: z.string() });

/** One handler's calls. */
interface Runs {
  payloads: unknown[];
  deliveryIds: string[];
}

function stripeReceiver(handler: (payload: z.infer<typeof invoicePaid>) => unknown = () => undefined) {
  const runs: Runs = { payloads: [], deliveryIds: [] };
  const receiver = createReceiver({
    scheme: stripe({ secret: STRIPE_SECRET }),
    events: { 'invoice.paid': invoicePaid },
    maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
  }).on('invoice.paid', async (payload, context) => {
    runs.payloads.push(payload);
    runs.deliveryIds.push(context.deliveryId);
    return handler(payload);
  });
  return { receiver, runs };
}

const encoder = new TextEncoder();
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A signed delivery as the sender would post it. */
async function signed(
  scheme: Scheme,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
  timestamp = nowSeconds(),
) {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const headers = await scheme.sign({ body: bytes, timestamp });
  return { headers: { 'content-type': 'application/json', ...headers, ...extra }, body: bytes };
}

type SignedDelivery = { headers: Record<string, string>; body: Uint8Array };

/**
 * One delivery signed by hookgate, then one per extra signer of `options.signers`, each with
 * its own id; as `[delivery, body]` pairs.
 */
async function deliveries(
  provider: ConformanceProvider,
  ours: Scheme,
  secret: string,
  options: AdapterConformanceOptions,
  body: (id: string) => string,
  extra: Record<string, string> = {},
): Promise<[SignedDelivery, string][]> {
  const signers: [string, ConformanceSigner][] = [
    ['hookgate', ({ body, id, timestamp }) => ours.sign({ body, id, timestamp })],
  ];
  const other = options.signers?.[provider];
  if (other) signers.push(['other', other]);
  const out: [SignedDelivery, string][] = [];
  for (const [label, sign] of signers) {
    const id = `${provider}-${label}`;
    const text = body(id);
    const headers = await sign({ body: text, secret, id, timestamp: nowSeconds() });
    out.push([
      { headers: { 'content-type': 'application/json', ...extra, ...headers }, body: encoder.encode(text) },
      text,
    ]);
  }
  return out;
}

function invoice(id: string) {
  return JSON.stringify({ id, type: 'invoice.paid', data: { amount: 4200 } });
}

function post(
  url: string,
  delivery: { headers: Record<string, string>; body: Uint8Array },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body as Uint8Array<ArrayBuffer>,
  });
}

/** Reads a JSON response, checking status, content type and (for errors) the code. */
async function json(response: Response, status: number, code?: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  assert.equal(response.status, status, `expected HTTP ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `not JSON: ${text}`);
  const body = JSON.parse(text) as Record<string, unknown>;
  if (code !== undefined) {
    assert.equal(body.code, code);
    assert.equal(body.ok, false);
    assert.equal(typeof body.message, 'string');
  }
  return body;
}

/** Mounts a receiver for one test and always unmounts it. */
async function withMounted(
  mount: MountAdapter,
  receiver: ConformanceReceiver,
  test: (url: string) => Promise<void>,
) {
  const mounted = await mount(receiver);
  try {
    await test(mounted.url);
  } finally {
    await mounted.close();
  }
}

/**
 * The behaviour every hookgate adapter must show over real HTTP: each signed delivery reaches
 * its typed handler once, the raw bytes reach the verifier intact, size limits hold for
 * declared and for streamed bodies, and every answer is hookgate's JSON. `mount` boots the
 * framework on 127.0.0.1 with the receiver mounted, using the adapter's default options.
 *
 * @param mount boots the framework with a receiver mounted.
 * @param api the runner's `describe` and `it`. @default the runner's globals
 * @param options what the server under test does differently.
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * runAdapterConformance(async (receiver) => {
 *   const app = express().all('/webhooks', createExpressMiddleware(receiver));
 *   const server = app.listen(0, '127.0.0.1');
 *   await once(server, 'listening');
 *   const { port } = server.address() as AddressInfo;
 *   return { url: `http://127.0.0.1:${port}/webhooks`, close: () => new Promise((r) => server.close(() => r())) };
 * }, { describe, it });
 * ```
 */
export function runAdapterConformance(
  mount: MountAdapter,
  api?: TestApi,
  options: AdapterConformanceOptions = {},
): void {
  const { describe, it } = resolveTestApi(api);

  describe('hookgate adapter conformance', () => {
    it('delivers a signed Stripe event to its typed handler once', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const sent = await deliveries(
          'stripe',
          stripe({ secret: STRIPE_SECRET }),
          STRIPE_SECRET,
          options,
          invoice,
        );
        for (const [delivery] of sent)
          assert.deepEqual(await json(await post(url, delivery), 200), { ok: true });
        assert.deepEqual(
          runs.payloads,
          sent.map(([, body]) => JSON.parse(body)),
        );
        assert.deepEqual(
          runs.deliveryIds,
          sent.map(([, body]) => (JSON.parse(body) as { id: string }).id),
        );
      });
    });

    it('delivers a signed GitHub event to its typed handler once', async () => {
      const payloads: unknown[] = [];
      const receiver = createReceiver({
        scheme: github({ secret: GITHUB_SECRET }),
        events: { 'issues.opened': issuesOpened },
        maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
      }).on('issues.opened', (payload) => {
        payloads.push(payload);
      });
      await withMounted(mount, receiver, async (url) => {
        let number = 0;
        const sent = await deliveries(
          'github',
          github({ secret: GITHUB_SECRET }),
          GITHUB_SECRET,
          options,
          () => JSON.stringify({ action: 'opened', issue: { number: ++number } }),
          { 'x-github-event': 'issues' },
        );
        for (const [delivery] of sent) await json(await post(url, delivery), 200);
        assert.deepEqual(
          payloads,
          sent.map(([, body]) => JSON.parse(body)),
        );
      });
    });

    it('delivers a signed Standard Webhooks event to its typed handler once', async () => {
      const payloads: unknown[] = [];
      const receiver = createReceiver({
        scheme: standardWebhooks({ secret: STANDARD_SECRET }),
        events: { 'user.created': userCreated },
        maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
      }).on('user.created', (payload) => {
        payloads.push(payload);
      });
      await withMounted(mount, receiver, async (url) => {
        const sent = await deliveries(
          'standard-webhooks',
          standardWebhooks({ secret: STANDARD_SECRET }),
          STANDARD_SECRET,
          options,
          (id) => JSON.stringify({ type: 'user.created', data: { id } }),
        );
        for (const [delivery] of sent) await json(await post(url, delivery), 200);
        assert.deepEqual(
          payloads,
          sent.map(([, body]) => JSON.parse(body)),
        );
      });
    });

    it('verifies a URL-signed Twilio form against the URL the client called, ignoring X-Forwarded-* by default', async () => {
      const payloads: unknown[] = [];
      const receiver = createReceiver({
        scheme: twilio({ secret: TWILIO_TOKEN }),
        events: { 'call.status': callStatus },
        maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
      }).on('call.status', (payload) => {
        payloads.push(payload);
      });
      await withMounted(mount, receiver, async (url) => {
        const called = new URL(url);
        called.searchParams.append('tenant', 'acme corp');
        const body = 'CallSid=CA0001&CallStatus=completed&From=%2B15551234567';
        const headers = await twilio({ secret: TWILIO_TOKEN }).sign({ body, url: called.href });
        const response = await fetch(called, {
          method: 'POST',
          // A client may send these; without trustProxy they must not change the URL checked.
          headers: {
            ...headers,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-host': 'attacker.example',
            'x-forwarded-proto': 'https',
          },
          body,
        });
        await json(response, 200);
        assert.deepEqual(payloads, [{ CallSid: 'CA0001', CallStatus: 'completed' }]);
      });
    });

    it('acknowledges a duplicate with 200 duplicate:true without running the handler again', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_duplicate'));
        await json(await post(url, delivery), 200);
        assert.deepEqual(await json(await post(url, delivery), 200), { ok: true, duplicate: true });
        assert.equal(runs.payloads.length, 1);
      });
    });

    it('runs concurrent copies of one delivery once; the others get 409 while it runs', async () => {
      const copies = 8;
      let answered = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      // The first copy's handler waits until every other copy was answered (or 5 s passed).
      const timer = setTimeout(() => open(), 5_000);
      timer.unref?.();
      const { receiver, runs } = stripeReceiver(() => gate);
      await withMounted(mount, receiver, async (url) => {
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_concurrent'));
        const responses = await Promise.all(
          Array.from({ length: copies }, async () => {
            const response = await post(url, delivery);
            const body = await json(response, response.status);
            if (++answered === copies - 1) open();
            return { status: response.status, body };
          }),
        );
        clearTimeout(timer);
        assert.equal(runs.payloads.length, 1);
        assert.deepEqual(
          responses.filter((r) => r.status === 200).map((r) => r.body),
          [{ ok: true }],
        );
        for (const { status, body } of responses.filter((r) => r.status !== 200)) {
          assert.equal(status, 409);
          assert.equal(body.code, 'DELIVERY_IN_FLIGHT');
        }
      });
    });

    it('refuses a tampered body with 401 INVALID_SIGNATURE', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_tampered'));
        const tampered = encoder.encode(invoice('evt_tampered').replace('4200', '9999'));
        await json(await post(url, { ...delivery, body: tampered }), 401, 'INVALID_SIGNATURE');
        assert.equal(runs.payloads.length, 0);
      });
    });

    it('refuses a stale timestamp with 401 TIMESTAMP_OUT_OF_RANGE', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const stale = await signed(
          stripe({ secret: STRIPE_SECRET }),
          invoice('evt_stale'),
          {},
          nowSeconds() - 3_600,
        );
        await json(await post(url, stale), 401, 'TIMESTAMP_OUT_OF_RANGE');
        assert.equal(runs.payloads.length, 0);
      });
    });

    it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE (declared Content-Length)', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const body = encoder.encode(invoice(`evt_${'x'.repeat(CONFORMANCE_MAX_BODY_BYTES)}`));
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), body);
        await json(await post(url, delivery), 413, 'PAYLOAD_TOO_LARGE');
        assert.equal(runs.payloads.length, 0);
      });
    });

    it('refuses a chunked body with no Content-Length once it passes the limit, without reading it all', async () => {
      const { receiver, runs } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const chunk = new Uint8Array(16_384).fill(0x20);
        const total = options.bufferedBody ? 4 * CONFORMANCE_MAX_BODY_BYTES : 64 * 1024 * 1024;
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent >= total) return controller.close();
            // Paced, so that the client reads the 413 before its next write meets the closed
            // connection (a write error would fail the fetch before the response is read).
            await new Promise((resolve) => setTimeout(resolve, 1));
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': `t=${nowSeconds()},v1=${'0'.repeat(64)}`,
          },
          body: stream,
          // @ts-expect-error Node's fetch needs duplex for a streamed body; lib.dom lacks it
          duplex: 'half',
        });
        await json(response, 413, 'PAYLOAD_TOO_LARGE');
        if (!options.bufferedBody) {
          assert.ok(sent < total, `the server read the whole ${total}-byte body before answering`);
        }
        assert.equal(runs.payloads.length, 0);
      });
    });

    it('answers another method with 405 METHOD_NOT_ALLOWED and Allow: POST', async () => {
      const { receiver } = stripeReceiver();
      await withMounted(mount, receiver, async (url) => {
        const response = await fetch(url, { method: 'GET' });
        assert.equal(response.headers.get('allow'), 'POST');
        await json(response, 405, 'METHOD_NOT_ALLOWED');
      });
    });

    it('answers a failing handler with 500 HANDLER_FAILED and runs it again on the retry', async () => {
      let attempts = 0;
      const { receiver, runs } = stripeReceiver(() => {
        if (++attempts === 1) throw new Error('database down');
        return { ok: true, processed: true };
      });
      await withMounted(mount, receiver, async (url) => {
        const delivery = await signed(stripe({ secret: STRIPE_SECRET }), invoice('evt_retry'));
        await json(await post(url, delivery), 500, 'HANDLER_FAILED');
        assert.deepEqual(await json(await post(url, delivery), 200), { ok: true, processed: true });
        assert.equal(runs.payloads.length, 2);
      });
    });

    it('passes a non-UTF-8 body to the verifier byte for byte (400 INVALID_PAYLOAD, not 401)', async () => {
      const receiver = createReceiver({
        scheme: github({ secret: GITHUB_SECRET }),
        events: { 'issues.opened': issuesOpened },
        maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
      });
      await withMounted(mount, receiver, async (url) => {
        // 0xff and a lone continuation byte are invalid UTF-8; decoding and re-encoding them
        // (U+FFFD) would change the bytes and the signature would no longer match.
        const body = Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x80, 0xc3, 0x22, 0x7d);
        const delivery = await signed(github({ secret: GITHUB_SECRET }), body, {
          'x-github-event': 'issues',
        });
        await json(await post(url, delivery), 400, 'INVALID_PAYLOAD');
      });
    });
  });
}
