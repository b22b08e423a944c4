/**
 * What the benchmarks receive with: zod schemas of the fields a real app reads from a Stripe
 * `invoice.paid` and a GitHub `push` (zod strips the rest), receivers routing them to a no-op
 * handler, and a count of the deliveries handled, to prove that none was a duplicate.
 *
 * The HTTP figures compare hookgate with floors that only parse the JSON, so their main
 * hookgate variant types the payload with `unchecked<T>()` (the same work: no validation) and
 * a second variant adds the zod schema, to show what validation costs on top.
 */
import { createReceiver, type IdempotencyStore, unchecked } from '@hookgate/core';
import { github, stripe } from '@hookgate/signatures';
import { z } from 'zod';
import { SECRETS } from './deliveries.js';

export const invoicePaid = z.object({
  id: z.string().startsWith('evt_'),
  type: z.literal('invoice.paid'),
  created: z.number().int(),
  livemode: z.boolean(),
  data: z.object({
    object: z.object({
      id: z.string(),
      object: z.literal('invoice'),
      customer: z.string(),
      customer_email: z.string().nullable(),
      amount_paid: z.number().int(),
      currency: z.string().length(3),
      status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
      subscription: z.string().nullable(),
      metadata: z.record(z.string(), z.string()),
      lines: z.object({
        data: z.array(
          z.object({
            id: z.string(),
            amount: z.number().int(),
            currency: z.string(),
            description: z.string().nullable(),
            quantity: z.number().int().nullable(),
            period: z.object({ start: z.number().int(), end: z.number().int() }),
            price: z.object({ id: z.string(), unit_amount: z.number().int().nullable() }).nullable(),
          }),
        ),
      }),
    }),
  }),
});

const person = z.object({ name: z.string(), email: z.string().nullable() });

export const push = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  forced: z.boolean(),
  repository: z.object({ id: z.number().int(), full_name: z.string(), default_branch: z.string() }),
  pusher: person,
  commits: z.array(
    z.object({
      id: z.string(),
      message: z.string(),
      timestamp: z.string(),
      author: person,
      modified: z.array(z.string()),
    }),
  ),
});

let handled = 0;

/** Deliveries handled in this process so far. */
export function handledCount(): number {
  return handled;
}

/** Counts one handled delivery (the bare baselines call it too). */
export function countHandled(): void {
  handled++;
}

interface ReceiverOptions {
  secret?: string;
  store?: IdempotencyStore;
  /** `zod` validates with the schema above; `none` types the payload without checking it. @default 'zod' */
  validation?: 'zod' | 'none';
  /** OpenTelemetry spans and metrics (when an SDK is registered). @default true */
  telemetry?: boolean;
}

/** A Stripe receiver: `invoice.paid` validated with zod (or not) and routed to a no-op handler. */
export function stripeReceiver(options: ReceiverOptions = {}) {
  return createReceiver({
    scheme: stripe({ secret: options.secret ?? SECRETS.stripe }),
    events: {
      'invoice.paid': options.validation === 'none' ? unchecked<z.output<typeof invoicePaid>>() : invoicePaid,
    },
    store: options.store,
    telemetry: options.telemetry,
  }).on('invoice.paid', () => {
    handled++;
  });
}

/** A GitHub receiver: `push` validated with zod (or not) and routed to a no-op handler. */
export function githubReceiver(options: ReceiverOptions = {}) {
  return createReceiver({
    scheme: github({ secret: options.secret ?? SECRETS.github }),
    events: { push: options.validation === 'none' ? unchecked<z.output<typeof push>>() : push },
    store: options.store,
  }).on('push', () => {
    handled++;
  });
}
