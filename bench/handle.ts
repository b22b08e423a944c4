/**
 * Figure: `receiver.handle` (verify + claim in the memory store + JSON parse + zod validation
 * of a realistic `invoice.paid` schema + routing to a no-op handler + complete) on a 16 KiB
 * Stripe delivery, against the floor of the same bytes: HMAC + constant-time compare +
 * UTF-8 decode + JSON.parse. Every operation is a new delivery (a pool of fresh, pre-signed
 * deliveries is made before each batch, untimed), so the store claims and completes a new
 * id each time instead of answering a duplicate.
 *
 * Target: ≤ 1.3× the floor. Knobs: BENCH_ROUNDS (15), BENCH_BATCH_MS (15), BENCH_HANDLE_SIZE (16384).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import { type Delivery, freshContender, SECRETS, stripeDeliveries } from './lib/deliveries.js';
import { measure, printFigures } from './lib/measure.js';
import { handledCount, stripeReceiver } from './lib/receivers.js';
import { envNumber, formatBytes, note, printVerdicts, verdict } from './lib/report.js';

const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const size = envNumber('BENCH_HANDLE_SIZE', 16384);

const factory = stripeDeliveries({ size });
const receiver = stripeReceiver();
const stripeSdk = new Stripe('sk_test_x');
const decoder = new TextDecoder();

const fresh = (name: string, run: (delivery: Delivery) => unknown) => freshContender(name, factory, run);

function floor({ headers, body }: Delivery): unknown {
  const header = headers['stripe-signature']!;
  const comma = header.indexOf(',');
  const timestamp = header.slice(2, comma);
  const mac = createHmac('sha256', SECRETS.stripe).update(`${timestamp}.`).update(body).digest('hex');
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(header.slice(comma + 4))))
    throw new Error('bad signature');
  return JSON.parse(decoder.decode(body));
}

let failures = 0;
const handled = handledCount();
let operations = 0;

const figures = await measure(
  [
    fresh('floor (HMAC + decode + JSON.parse)', floor),
    fresh('hookgate receiver.handle', async ({ headers, body }) => {
      operations++;
      const result = await receiver.handle({
        method: 'POST',
        url: 'https://example.test/webhooks',
        headers,
        body,
      });
      if (result.status !== 200 || result.body !== '{"ok":true}') failures++;
    }),
    fresh('stripe constructEvent (verify + JSON.parse only)', ({ headers, body }) =>
      stripeSdk.webhooks.constructEvent(body, headers['stripe-signature']!, SECRETS.stripe),
    ),
  ],
  {
    rounds,
    batchMs,
    maxBatch: 2000,
    warmupMs: envNumber('BENCH_WARMUP_MS', 1500),
    floor: 'floor (HMAC + decode + JSON.parse)',
  },
);

const title = `receiver.handle, ${formatBytes(size)} Stripe invoice.paid, a new delivery each time`;
printFigures(title, figures);
const ours = figures[1]!;
const handlerRuns = handledCount() - handled;
verdict(
  `${title}: hookgate to floor`,
  ours.ratio,
  { max: 1.3 },
  failures > 0 || handlerRuns !== operations
    ? `INVALID RUN: ${failures} answers other than 200 {ok:true}, ${handlerRuns} handler runs for ${operations} deliveries`
    : `${handlerRuns} deliveries, each handled once`,
);
note(
  `${title}: stripe constructEvent`,
  `${figures[2]!.ratio.toFixed(2)}x floor (verifies and parses; no idempotency, no validation)`,
);
printVerdicts();
