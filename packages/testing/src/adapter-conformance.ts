import assert from 'node:assert/strict';
import { createReceiver } from '@hookgate/core';
import { github, type Scheme, standardWebhooks, stripe, twilio } from '@hookgate/signatures';
import { z } from 'zod';
import { runRefusalConformance } from './adapter-refusals.js';
import {
  CONFORMANCE_MAX_BODY_BYTES,
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
import { resolveTestApi, type TestApi } from './test-api.js';

/** Options of {@link runAdapterConformance}. */
export interface AdapterConformanceOptions {
  /**
   * The server reads every request body to its end before the adapter sees it (Next.js's edge
   * sandbox under `next start` buffers it), so a streamed body over the limit is still
   * refused with 413, but the suite does not expect the read to stop early.
   * @default false
   */
  bufferedBody?: boolean | undefined;
  /**
   * Other signers to prove byte compatibility with, such as the providers' official SDKs: each
   * one signs a second delivery that must reach the typed handler exactly once as well.
   */
  signers?: Partial<Record<ConformanceProvider, ConformanceSigner>> | undefined;
  /**
   * The adapter runs on `@hookgate/core/node` and was mounted with `bodyTimeoutMs:
   * CONFORMANCE_BODY_TIMEOUT_MS`: the suite also checks the 408 of a slow body and the
   * connection policy (`connection: close` after a refusal that left the body unread, and
   * only then).
   * @default false
   */
  nodeLayer?: boolean | undefined;
  /**
   * A web adapter mounted with `bodyTimeoutMs: CONFORMANCE_BODY_TIMEOUT_MS`: the suite also
   * checks the 408 of a slow body (the Node layer's adapters are checked for it anyway).
   * @default false
   */
  bodyTimeout?: boolean | undefined;
  /**
   * Mounts the receiver behind the framework's usual body parser (`express.json()`, Koa's
   * body parser, Next.js's API body parser): the suite expects 500 `RAW_BODY_UNAVAILABLE`.
   */
  mountBehindParser?: MountAdapter | undefined;
  /**
   * Mounts the receiver with `publicUrl: failingPublicUrl` (a function that throws): the suite
   * expects 500 `INTERNAL_ERROR`, reported to `onError`, with none of the thrown text.
   */
  mountWithFailingPublicUrl?: MountAdapter | undefined;
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

const GITHUB_SECRET = 'conformance-github';
const STANDARD_SECRET = 'whsec_Y29uZm9ybWFuY2Utc3RhbmRhcmQtd2ViaG9va3M=';
const TWILIO_TOKEN = 'conformance-twilio-auth-token';

const issuesOpened = z.object({ action: z.literal('opened'), issue: z.object({ number: z.number() }) });
const userCreated = z.object({ type: z.literal('user.created'), data: z.object({ id: z.string() }) });
const callStatus = z.object({ CallSid: z.string(), CallStatus: z.string() });

/** The longest the first of the concurrent copies holds its handler open. */
const CONCURRENT_GATE_MS = 5_000;

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
  const runner = resolveTestApi(api);
  const { describe } = runner;
  // Every test gets an explicit limit, so a runner's 5 s default never decides a result on a
  // slow machine; the tests that wait for a bound get that bound on top.
  const it: TestApi['it'] = (name, body, timeout = TEST_SLACK_MS) => runner.it(name, body, timeout);

  describe('hookgate adapter conformance', () => {
    runRefusalConformance(mount, it, options);

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

    it(
      'runs concurrent copies of one delivery once; the others get 409 while it runs',
      async () => {
        const copies = 8;
        let answered = 0;
        let open!: () => void;
        const gate = new Promise<void>((resolve) => {
          open = resolve;
        });
        // The first copy's handler waits until every other copy was answered (or the gate's time passed).
        const timer = setTimeout(() => open(), CONCURRENT_GATE_MS);
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
      },
      CONCURRENT_GATE_MS + TEST_SLACK_MS,
    );

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
