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
import type { FastifyInstance } from 'fastify';
import { bareFastify, hookgateFastify, PATH } from './lib/apps.js';
import { stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, reportAdapterFigure, runHttpFigure } from './lib/http.js';

const BARE = 'fastify bare (buffer parser + HMAC + JSON.parse)';

async function listen(app: FastifyInstance | Promise<FastifyInstance>) {
  const ready = await app;
  await ready.listen({ port: 0, host: '127.0.0.1' });
  return ready.server;
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => listen(bareFastify(false)) },
  { name: 'fastify + hookgatePlugin', listen: () => listen(hookgateFastify('none')) },
  { name: 'fastify + hookgatePlugin, zod-validated', listen: () => listen(hookgateFastify('zod')) },
  { name: `${BARE} + de-dup`, listen: () => listen(bareFastify(true)) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) reportAdapterFigure('Fastify 5, 2 KiB Stripe invoice.paid deliveries', 'Fastify', figures);
