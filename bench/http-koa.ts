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
import { createMemoryStore } from '@hookgate/core';
import { createKoaMiddleware } from '@hookgate/koa';
import Koa from 'koa';
import { dedupedOnce, readNodeBody, verifyStripeBare } from './lib/bare.js';
import { SECRETS, stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, reportAdapterFigure, runHttpFigure } from './lib/http.js';
import { countHandled, stripeReceiver } from './lib/receivers.js';

const PATH = '/webhooks';
const BARE = 'koa bare (read ctx.req + HMAC + JSON.parse)';

function listen(app: Koa) {
  return createServer(app.callback()).listen(0, '127.0.0.1');
}

/** The bare app; with `dedup`, also a claim and a completion of the event id (a repeat gets 409). */
function bareApp(dedup: boolean) {
  const store = dedup ? createMemoryStore() : undefined;
  const app = new Koa();
  app.use(async (ctx) => {
    const body = await readNodeBody(ctx.req);
    if (!verifyStripeBare(SECRETS.stripe, ctx.get('stripe-signature'), body)) {
      ctx.status = 401;
      ctx.body = { ok: false };
      return;
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string };
    if (store && !dedupedOnce(store, `stripe:${event.id}`)) {
      ctx.status = 409;
      ctx.body = { ok: false };
      return;
    }
    countHandled();
    ctx.body = { ok: true };
  });
  return listen(app);
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => bareApp(false) },
  {
    name: 'koa + hookgate createKoaMiddleware',
    listen: () => listen(new Koa().use(createKoaMiddleware(stripeReceiver({ validation: 'none' })))),
  },
  {
    name: 'koa + hookgate, zod-validated',
    listen: () => listen(new Koa().use(createKoaMiddleware(stripeReceiver({ validation: 'zod' })))),
  },
  { name: `${BARE} + de-dup`, listen: () => bareApp(true) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) reportAdapterFigure('Koa 3, 2 KiB Stripe invoice.paid deliveries', 'Koa', figures);
