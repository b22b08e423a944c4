/**
 * Figure: the Express adapter (`createExpressMiddleware(receiver)`: Stripe scheme, memory
 * store, `invoice.paid` typed with `unchecked<T>()`, no-op handler) against a bare Express 5
 * app doing `express.raw()` + HMAC + constant-time compare + JSON.parse, on the same stream
 * of 2 KiB Stripe deliveries, each with a new event id. A third variant validates the
 * payload with the zod schema of `invoice.paid`, to show what validation adds.
 *
 * Target: the adapter (without validation, the floor's work) ≥ 0.95× the bare app.
 * Knobs: BENCH_HTTP_ROUNDS (5), BENCH_HTTP_SECONDS (3), BENCH_HTTP_WARMUP (2), BENCH_HTTP_CONNECTIONS (50).
 */
import type { Express } from 'express';
import { bareExpress, hookgateExpress, PATH } from './lib/apps.js';
import { stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, reportAdapterFigure, runHttpFigure } from './lib/http.js';

const BARE = 'express bare (express.raw + HMAC + JSON.parse)';

function listen(app: Express) {
  return app.listen(0, '127.0.0.1');
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => listen(bareExpress(false)) },
  { name: 'express + hookgate createExpressMiddleware', listen: () => listen(hookgateExpress('none')) },
  { name: 'express + hookgate, zod-validated', listen: () => listen(hookgateExpress('zod')) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) reportAdapterFigure('Express 5, 2 KiB Stripe invoice.paid deliveries', 'Express', figures);
