import { createReceiver, type IdempotencyStore, type ReceiverOptions } from '@hookgate/core';
import { github, standardWebhooks, stripe } from '@hookgate/signatures';
import type { Ledger } from './ledger.js';
import { githubEvents, standardEvents, stripeEvents } from './schemas.js';
import type { ExampleSecrets } from './secrets.js';

/** Options of {@link createReceivers}. */
export interface ExampleReceiversOptions {
  secrets: ExampleSecrets;
  ledger: Ledger;
  /** One store for all three receivers (keys are prefixed by scheme). @default in-memory */
  store?: IdempotencyStore;
  /**
   * Passed to every receiver: called with each rejection and failure and its context. Not
   * needed for logs: hookgate's default logger already writes each one (with the cause and its
   * stack for failures on our side).
   */
  onError?: ReceiverOptions<Record<never, never>>['onError'];
}

/** The three receivers of the examples, each with typed handlers that write to the ledger. */
export function createReceivers({ secrets, ledger, store, onError }: ExampleReceiversOptions) {
  const common = { store, onError };
  const stripeReceiver = createReceiver({
    scheme: stripe({ secret: secrets.stripe }),
    events: stripeEvents,
    ...common,
  })
    .on('invoice.paid', async (event, ctx) => {
      const { amount_paid, currency } = event.data.object;
      await ledger.record({
        provider: 'stripe',
        deliveryId: ctx.deliveryId,
        what: `paid ${amount_paid} ${currency}`,
      });
    })
    .on('payment_intent.succeeded', async (event, ctx) => {
      await ledger.record({
        provider: 'stripe',
        deliveryId: ctx.deliveryId,
        what: `charged ${event.data.object.amount}`,
      });
    });

  const githubReceiver = createReceiver({
    scheme: github({ secret: secrets.github }),
    events: githubEvents,
    ...common,
  })
    .on('push', async (event, ctx) => {
      const what = `${event.commits.length} commit(s) to ${event.repository.full_name} ${event.ref}`;
      await ledger.record({ provider: 'github', deliveryId: ctx.deliveryId, what });
    })
    .on('issues', async (event, ctx) => {
      const what = `issue #${event.issue.number} ${event.action}`;
      await ledger.record({ provider: 'github', deliveryId: ctx.deliveryId, what });
    });

  const standardReceiver = createReceiver({
    scheme: standardWebhooks({ secret: secrets.standard }),
    events: standardEvents,
    ...common,
  }).on('user.created', async (event, ctx) => {
    await ledger.record({
      provider: 'standard-webhooks',
      deliveryId: ctx.deliveryId,
      what: `user ${event.data.email}`,
    });
  });

  return { stripe: stripeReceiver, github: githubReceiver, standard: standardReceiver };
}

/** The receivers {@link createReceivers} returns. */
export type ExampleReceivers = ReturnType<typeof createReceivers>;
