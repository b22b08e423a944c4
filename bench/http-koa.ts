/**
 * Figure: the Koa adapter (`createKoaMiddleware(receiver)`: Stripe scheme, memory store,
 * `invoice.paid` typed with `unchecked<T>()`, no-op handler) against a bare Koa 3 app reading
 * the body from `ctx.req` + HMAC + constant-time compare + JSON.parse, on the same stream of
 * 2 KiB Stripe deliveries, each with a new event id. A third variant validates the payload
 * with the zod schema of `invoice.paid`, to show what validation adds.
 *
 * A fourth variant is the bare app plus de-duplication in hookgate's memory store (claim and
 * complete a new id per delivery): what the floor lacks of the adapter's work.
 *
 * Target: the adapter (without validation, the floor's work) ≥ 0.95× the bare app.
 * Knobs: BENCH_HTTP_ROUNDS (5), BENCH_HTTP_SECONDS (3), BENCH_HTTP_WARMUP (2), BENCH_HTTP_CONNECTIONS (50).
 */
import { createServer } from 'node:http';
import type Koa from 'koa';
import { bareKoa, hookgateKoa, PATH } from './lib/apps.js';
import { stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, reportAdapterFigure, runHttpFigure } from './lib/http.js';

const BARE = 'koa bare (read ctx.req + HMAC + JSON.parse)';

function listen(app: Koa) {
  return createServer(app.callback()).listen(0, '127.0.0.1');
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => listen(bareKoa(false)) },
  { name: 'koa + hookgate createKoaMiddleware', listen: () => listen(hookgateKoa('none')) },
  { name: 'koa + hookgate, zod-validated', listen: () => listen(hookgateKoa('zod')) },
  { name: `${BARE} + de-dup`, listen: () => listen(bareKoa(true)) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) reportAdapterFigure('Koa 3, 2 KiB Stripe invoice.paid deliveries', 'Koa', figures);
