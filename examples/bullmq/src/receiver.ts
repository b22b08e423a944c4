import { createReceiver, type Dispatcher } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { stripe } from '@hookgate/signatures';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** What a handler records; the example's stand-in for a database. */
export type OnPaid = (invoiceId: string, amount: number, attempt: number) => void | Promise<void>;

export interface StripeReceiverOptions {
  /** The Redis of the idempotency store. */
  client: Redis;
  secret: string;
  /** Web processes pass `queueDispatch(…)`; workers pass nothing (they never receive requests). */
  dispatch?: Dispatcher;
  onPaid: OnPaid;
}

/**
 * The one module both kinds of process import: the same scheme, schemas and handlers.
 * The web process verifies and queues; the worker runs `invoice.paid` below.
 */
export function createStripeReceiver(options: StripeReceiverOptions) {
  const receiver = createReceiver({
    scheme: stripe({ secret: options.secret }),
    events: {
      'invoice.paid': z.object({
        id: z.string(),
        type: z.literal('invoice.paid'),
        data: z.object({ object: z.object({ id: z.string(), amount_paid: z.number() }) }),
      }),
    },
    store: createRedisStore({ client: options.client }),
    dispatch: options.dispatch,
  });
  receiver.on('invoice.paid', async (event, ctx) => {
    await options.onPaid(event.data.object.id, event.data.object.amount_paid, ctx.job?.attempt ?? 0);
  });
  return receiver;
}
