import { stripeSampleApiVersion } from './catalog/generated/stripe.js';
import { createIdSource, randomString, type Sample, type SampleOptions, sampleTime } from './sample.js';

// Stripe's event object (docs.stripe.com/api/events/object), with the fields of an invoice and
// a PaymentIntent that handlers commonly read. Stripe sends the event indented with two
// spaces, which is why re-serialising the body breaks its signature. Every sample carries the
// API version of the pinned stripe-node's types (what `strictStripeEvents` checks).

/**
 * A Stripe event sample around the object `object` makes (also used by the catalogue samples),
 * rendered at `apiVersion`.
 */
export function event(
  type: string,
  options: SampleOptions,
  object: (ids: ReturnType<typeof createIdSource>, created: number) => unknown,
  apiVersion = stripeSampleApiVersion,
): Sample {
  const id = options.id ?? `evt_${randomString(24)}`;
  const created = sampleTime(options);
  const ids = createIdSource(id);
  const payload = {
    id,
    object: 'event',
    api_version: apiVersion,
    created,
    data: { object: object(ids, created) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  return {
    provider: 'stripe',
    event: type,
    id,
    body: JSON.stringify(payload, null, 2),
    contentType: 'application/json; charset=utf-8',
    headers: { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    timestamp: created,
  };
}

/** Stripe `invoice.paid`: a subscription's first invoice, paid by card. */
export function invoicePaid(options: SampleOptions = {}): Sample {
  return event('invoice.paid', options, (ids, created) => {
    const invoice = `in_${ids.alnum('invoice', 24)}`;
    const customer = `cus_${ids.alnum('customer', 14)}`;
    const subscription = `sub_${ids.alnum('subscription', 24)}`;
    const price = `price_${ids.alnum('price', 24)}`;
    return {
      id: invoice,
      object: 'invoice',
      account_country: 'US',
      account_name: 'Example Inc.',
      amount_due: 2000,
      amount_paid: 2000,
      amount_remaining: 0,
      attempt_count: 1,
      attempted: true,
      auto_advance: false,
      billing_reason: 'subscription_create',
      collection_method: 'charge_automatically',
      created,
      currency: 'usd',
      customer,
      customer_email: 'jenny.rosen@example.com',
      customer_name: 'Jenny Rosen',
      hosted_invoice_url: `https://invoice.stripe.com/i/acct_${ids.alnum('account', 16)}/test_${ids.alnum('hosted', 40)}`,
      invoice_pdf: `https://pay.stripe.com/invoice/acct_${ids.alnum('account', 16)}/test_${ids.alnum('hosted', 40)}/pdf`,
      lines: {
        object: 'list',
        data: [
          {
            id: `il_${ids.alnum('line', 24)}`,
            object: 'line_item',
            amount: 2000,
            currency: 'usd',
            description: '1 × Pro plan (at $20.00 / month)',
            period: { start: created, end: created + 30 * 86_400 },
            pricing: {
              price_details: { price, product: `prod_${ids.alnum('product', 14)}` },
              type: 'price_details',
            },
            quantity: 1,
          },
        ],
        has_more: false,
        total_count: 1,
        url: `/v1/invoices/${invoice}/lines`,
      },
      livemode: false,
      number: `${ids.alnum('prefix', 8).toUpperCase()}-0001`,
      parent: { subscription_details: { subscription }, type: 'subscription_details' },
      period_end: created,
      period_start: created,
      status: 'paid',
      status_transitions: { finalized_at: created, paid_at: created, voided_at: null },
      subtotal: 2000,
      total: 2000,
    };
  });
}

/** Stripe `payment_intent.succeeded`: a $20.00 card payment. */
export function paymentIntentSucceeded(options: SampleOptions = {}): Sample {
  return event('payment_intent.succeeded', options, (ids, created) => {
    const intent = `pi_${ids.alnum('intent', 24)}`;
    return {
      id: intent,
      object: 'payment_intent',
      amount: 2000,
      amount_capturable: 0,
      amount_received: 2000,
      capture_method: 'automatic_async',
      client_secret: `${intent}_secret_${ids.alnum('secret', 25)}`,
      confirmation_method: 'automatic',
      created,
      currency: 'usd',
      customer: `cus_${ids.alnum('customer', 14)}`,
      latest_charge: `ch_${ids.alnum('charge', 24)}`,
      livemode: false,
      metadata: { order_id: ids.digits('order', 6) },
      payment_method: `pm_${ids.alnum('method', 24)}`,
      payment_method_types: ['card'],
      status: 'succeeded',
    };
  });
}

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

/** Stripe samples made by hand (the fields handlers commonly read, with realistic values), by event type. */
export const stripeSamples = {
  'invoice.paid': invoicePaid,
  'payment_intent.succeeded': paymentIntentSucceeded,
  'checkout.session.completed': checkoutSessionCompleted,
  'customer.subscription.created': customerSubscriptionCreated,
};
