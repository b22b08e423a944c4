/**
 * A Cloudflare Worker (module syntax) receiving signed Stripe deliveries. The secret comes from
 * the Worker's environment (a secret binding: `wrangler secret put STRIPE_WEBHOOK_SECRET`, or
 * `fromEnvironment` in a workerd config); verification runs on Web Crypto; deliveries are
 * de-duplicated in a Durable Object, shared by every isolate.
 */
import { createDurableObjectStore, type DurableObjectNamespaceLike } from '@hookgate/cloudflare';
import { createReceiver, type Receiver } from '@hookgate/core';
import { createWebCrypto, stripe } from '@hookgate/signatures';
import { z } from 'zod';

// The Durable Object class must be exported by the Worker that declares its namespace.
export { IdempotencyObject } from '@hookgate/cloudflare';

/** The Worker's bindings. */
export interface Env {
  STRIPE_WEBHOOK_SECRET?: string;
  IDEMPOTENCY: DurableObjectNamespaceLike;
}

const events = {
  'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }),
};

// One receiver per isolate and secret: `env` is only known once a request arrives.
let cached: { secret: string; receiver: Receiver<typeof events> } | undefined;

function receiverFor(env: Env): Receiver<typeof events> {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    throw new Error('STRIPE_WEBHOOK_SECRET is not bound: add it as a secret of the Worker');
  }
  if (cached?.secret !== secret) {
    const receiver = createReceiver({
      scheme: stripe({ secret, crypto: createWebCrypto() }),
      events,
      store: createDurableObjectStore({ namespace: env.IDEMPOTENCY, prefix: 'stripe:' }),
    }).on('invoice.paid', (invoice) => ({ ok: true, received: invoice.id }));
    cached = { secret, receiver };
  }
  return cached.receiver;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/webhooks/stripe')
      return new Response('not found', { status: 404 });
    return receiverFor(env).fetch(request);
  },
};
