import type { Sample, SampleOptions } from '../sample.js';
import { event } from '../stripe.js';

// Stripe publishes no example payloads in a package (its stripe-mock fixtures are not on npm):
// these follow the objects of docs.stripe.com/api, with the fields handlers commonly read.

/** Stripe `checkout.session.completed`: a paid one-time Checkout Session. */
export function checkoutSessionCompleted(options: SampleOptions = {}): Sample {
  return event('checkout.session.completed', options, (ids, created) => ({
    id: `cs_test_${ids.alnum('session', 58)}`,
    object: 'checkout.session',
    amount_subtotal: 2000,
    amount_total: 2000,
    client_reference_id: null,
    created,
    currency: 'usd',
    customer: `cus_${ids.alnum('customer', 14)}`,
    customer_details: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen', address: null, phone: null },
    expires_at: created + 86_400,
    livemode: false,
    metadata: { order_id: ids.digits('order', 6) },
    mode: 'payment',
    payment_intent: `pi_${ids.alnum('intent', 24)}`,
    payment_status: 'paid',
    status: 'complete',
    success_url: 'https://example.com/success',
    url: null,
  }));
}

/** Stripe `customer.subscription.created`: a monthly subscription to one price. */
export function customerSubscriptionCreated(options: SampleOptions = {}): Sample {
  return event('customer.subscription.created', options, (ids, created) => ({
    id: `sub_${ids.alnum('subscription', 24)}`,
    object: 'subscription',
    cancel_at_period_end: false,
    collection_method: 'charge_automatically',
    created,
    currency: 'usd',
    customer: `cus_${ids.alnum('customer', 14)}`,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${ids.alnum('item', 14)}`,
          object: 'subscription_item',
          current_period_end: created + 30 * 86_400,
          current_period_start: created,
          price: {
            id: `price_${ids.alnum('price', 24)}`,
            object: 'price',
            currency: 'usd',
            unit_amount: 2000,
          },
          quantity: 1,
        },
      ],
    },
    livemode: false,
    metadata: {},
    start_date: created,
    status: 'active',
  }));
}

/** Stripe samples beyond the hand-made `samples.stripe`, by event type. */
export const stripeCatalogSamples = {
  'checkout.session.completed': checkoutSessionCompleted,
  'customer.subscription.created': customerSubscriptionCreated,
};
