/**
 * Figure: the Fastify plugin (`hookgatePlugin`: Stripe scheme, memory store, `invoice.paid`
 * typed with `unchecked<T>()`, no-op handler) against a bare Fastify 5 app with a buffer
 * content-type parser doing HMAC + constant-time compare + JSON.parse, on the same stream of
 * 2 KiB Stripe deliveries, each with a new event id. A third variant validates the payload
 * with the zod schema of `invoice.paid`, to show what validation adds.
 *
 * A fourth variant is the bare app plus de-duplication in hookgate's memory store (claim and
 * complete a new id per delivery): what the floor lacks of the plugin's work, to attribute the gap.
 *
 * Target: the plugin (without validation, the floor's work) ≥ 0.95× the bare app.
 * Knobs: BENCH_HTTP_ROUNDS (5), BENCH_HTTP_SECONDS (3), BENCH_HTTP_WARMUP (2), BENCH_HTTP_CONNECTIONS (50).
 */
import { createMemoryStore } from '@hookgate/core';
import { hookgatePlugin } from '@hookgate/fastify';
import Fastify from 'fastify';
import { dedupedOnce, verifyStripeBare } from './lib/bare.js';
import { SECRETS, stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, reportAdapterFigure, runHttpFigure } from './lib/http.js';
import { countHandled, stripeReceiver } from './lib/receivers.js';

const PATH = '/webhooks';
const BARE = 'fastify bare (buffer parser + HMAC + JSON.parse)';

async function listen(app: ReturnType<typeof Fastify>) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}

/**
 * The bare app: buffer parser, HMAC, `JSON.parse`; with `dedup`, also a claim and a completion
 * of the event id in hookgate's memory store (a repeat gets 409).
 */
function bareApp(dedup: boolean) {
  const app = Fastify();
  const store = dedup ? createMemoryStore() : undefined;
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post(PATH, async (request, reply) => {
    const body = request.body as Buffer;
    if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body)) {
      return reply.code(401).send({ ok: false });
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string };
    if (store && !dedupedOnce(store, `stripe:${event.id}`)) return reply.code(409).send({ ok: false });
    countHandled();
    return { ok: true };
  });
  return listen(app);
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => bareApp(false) },
  {
    name: 'fastify + hookgatePlugin',
    listen: async () => {
      const app = Fastify();
      await app.register(hookgatePlugin, { path: PATH, receiver: stripeReceiver({ validation: 'none' }) });
      return listen(app);
    },
  },
  {
    name: 'fastify + hookgatePlugin, zod-validated',
    listen: async () => {
      const app = Fastify();
      await app.register(hookgatePlugin, { path: PATH, receiver: stripeReceiver({ validation: 'zod' }) });
      return listen(app);
    },
  },
  { name: `${BARE} + de-dup`, listen: () => bareApp(true) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) reportAdapterFigure('Fastify 5, 2 KiB Stripe invoice.paid deliveries', 'Fastify', figures);
