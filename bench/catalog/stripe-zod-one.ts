import { stripe } from '@hookgate/signatures';
import { z } from 'zod';
import { type Delivery, firstDelivery } from './variants.js';

// The Stripe floor: one hand-written schema of the fields a handler of invoice.created reads.
export function run(delivery: Delivery) {
  const invoiceCreated = z.object({
    id: z.string(),
    type: z.literal('invoice.created'),
    data: z.object({
      object: z.object({
        id: z.string(),
        customer: z.string().nullable(),
        amount_due: z.number(),
        currency: z.string(),
        status: z.string().nullable(),
      }),
    }),
  });
  return firstDelivery({ 'invoice.created': invoiceCreated }, 'invoice.created', delivery, stripe);
}
