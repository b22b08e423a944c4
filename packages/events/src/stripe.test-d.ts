import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import type Stripe from 'stripe';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { stripeEventNames } from './generated/stripe-names.js';
import { strictStripeEvents, stripeEvents } from './stripe.js';

const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_x' }), events: stripeEvents });

describe('stripeEvents', () => {
  it('types each event as stripe-node’s narrowed event', () => {
    receiver.on('invoice.paid', (event) => {
      expectTypeOf(event).toEqualTypeOf<Stripe.InvoicePaidEvent>();
      expectTypeOf(event.data.object.amount_paid).toEqualTypeOf<number>();
    });
    receiver.on('checkout.session.completed', (event) => {
      expectTypeOf(event.data.object).toEqualTypeOf<Stripe.Checkout.Session>();
    });
  });

  it('refuses a type Stripe does not send', () => {
    // @ts-expect-error no such Stripe event
    receiver.on('invoice.teleported', () => {});
  });

  it('has exactly the types of Stripe.Event, at run time too', () => {
    expectTypeOf<keyof typeof stripeEvents>().toEqualTypeOf<Stripe.Event['type']>();
    expectTypeOf<(typeof stripeEventNames)[number]>().toEqualTypeOf<Stripe.Event['type']>();
  });

  it('composes: a spread entry replaces a type, a new one adds an event', () => {
    const stricter = z.object({
      type: z.literal('invoice.paid'),
      data: z.object({ object: z.object({ amount_paid: z.number().positive() }) }),
    });
    const events = { ...stripeEvents, 'invoice.paid': stricter, 'my.custom': z.object({ id: z.string() }) };
    const composed = createReceiver({ scheme: stripe({ secret: 'whsec_x' }), events });
    composed.on('invoice.paid', (event) => expectTypeOf(event).toEqualTypeOf<z.output<typeof stricter>>());
    composed.on('my.custom', (event) => expectTypeOf(event).toEqualTypeOf<{ id: string }>());
    composed.on('customer.created', (event) =>
      expectTypeOf(event).toEqualTypeOf<Stripe.CustomerCreatedEvent>(),
    );
  });

  it('strictStripeEvents types the same events the same way', () => {
    expectTypeOf(strictStripeEvents).toEqualTypeOf<typeof stripeEvents>();
    const strict = createReceiver({ scheme: stripe({ secret: 'whsec_x' }), events: strictStripeEvents });
    strict.on('checkout.session.completed', (event) => {
      expectTypeOf(event).toEqualTypeOf<Stripe.CheckoutSessionCompletedEvent>();
    });
    // @ts-expect-error no such Stripe event
    strict.on('invoice.teleported', () => {});
    const mixed = { ...stripeEvents, 'invoice.paid': strictStripeEvents['invoice.paid'] };
    createReceiver({ scheme: stripe({ secret: 'whsec_x' }), events: mixed }).on('invoice.paid', (event) =>
      expectTypeOf(event.data.object.amount_paid).toEqualTypeOf<number>(),
    );
  });
});
