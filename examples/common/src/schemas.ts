import { z } from 'zod';

/** Stripe events the examples handle (the parts they read; other fields pass through). */
export const stripeEvents = {
  'invoice.paid': z.object({
    id: z.string(),
    type: z.literal('invoice.paid'),
    data: z.object({
      object: z.object({ id: z.string(), amount_paid: z.number().int(), currency: z.string() }),
    }),
  }),
  'payment_intent.succeeded': z.object({
    id: z.string(),
    type: z.literal('payment_intent.succeeded'),
    data: z.object({ object: z.object({ id: z.string(), amount: z.number().int() }) }),
  }),
};

/** GitHub events: `push`, and every `issues` action through the bare name. */
export const githubEvents = {
  push: z.object({
    ref: z.string(),
    after: z.string(),
    repository: z.object({ full_name: z.string() }),
    commits: z.array(z.object({ id: z.string(), message: z.string() })),
  }),
  issues: z.object({
    action: z.string(),
    issue: z.object({ number: z.number().int(), title: z.string() }),
    repository: z.object({ full_name: z.string() }),
  }),
};

/** Standard Webhooks events of an example sender. */
export const standardEvents = {
  'user.created': z.object({
    type: z.literal('user.created'),
    timestamp: z.string(),
    data: z.object({ id: z.string(), email: z.email() }),
  }),
};
