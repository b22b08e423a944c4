import assert from 'node:assert/strict';
import { createReceiver, type EventSchemas, type Receiver } from '@hookgate/core';
import { type Scheme, stripe } from '@hookgate/signatures';
import { z } from 'zod';

// What the conformance suites share: the mounted-adapter contract, the Stripe receiver most
// tests use, signing, posting and checking hookgate's JSON answers.

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

/** The body limit of every receiver the suite creates (for servers that must know it in advance). */
export const CONFORMANCE_MAX_BODY_BYTES = 65_536;

/** The body-read timeout Node adapters are mounted with (`bodyTimeoutMs`) for the suite's slow body. */
export const CONFORMANCE_BODY_TIMEOUT_MS = 1_000;

/**
 * The time limit of a conformance test besides any bound it waits for on purpose: booting a
 * framework and a few requests on a slow, busy machine. Above the 5 s default of vitest and
 * jest, which a user's run keeps.
 */
export const TEST_SLACK_MS = 10_000;

export const STRIPE_SECRET = 'whsec_conformance_stripe';

/**
 * A `publicUrl` option that throws, as a failed lookup would, with a credential in its
 * message: mount an adapter with it for `AdapterConformanceOptions.mountWithFailingPublicUrl`.
 */
export function failingPublicUrl(): never {
  throw new Error('tenant lookup failed: postgres://admin:hunter2@db.internal/tenants');
}

export const invoicePaid = z.object({
  id: z.string(),
  type: z.literal('invoice.paid'),
  data: z.object({ amount: z.number() }),
});

/** One handler's calls, and the codes the receiver reported to `onError`. */
interface Runs {
  payloads: unknown[];
  deliveryIds: string[];
  errors: string[];
}

export function stripeReceiver(handler: (payload: z.infer<typeof invoicePaid>) => unknown = () => undefined) {
  const runs: Runs = { payloads: [], deliveryIds: [], errors: [] };
  const receiver = createReceiver({
    scheme: stripe({ secret: STRIPE_SECRET }),
    events: { 'invoice.paid': invoicePaid },
    maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
    onError: (error) => runs.errors.push(error.code),
  }).on('invoice.paid', async (payload, context) => {
    runs.payloads.push(payload);
    runs.deliveryIds.push(context.deliveryId);
    return handler(payload);
  });
  return { receiver, runs };
}

export const encoder = new TextEncoder();
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A signed delivery as the sender would post it. */
export async function signed(
  scheme: Scheme,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
  timestamp = nowSeconds(),
) {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const headers = await scheme.sign({ body: bytes, timestamp });
  return { headers: { 'content-type': 'application/json', ...headers, ...extra }, body: bytes };
}

export function invoice(id: string) {
  return JSON.stringify({ id, type: 'invoice.paid', data: { amount: 4200 } });
}

export function post(
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
export async function json(
  response: Response,
  status: number,
  code?: string,
): Promise<Record<string, unknown>> {
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
export async function withMounted(
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
