import type Stripe from 'stripe';
import { type Catalogue, createCatalogue, createEnvelope } from './catalogue.js';
import { requireFields } from './fields.js';
import { stripeEventNames } from './generated/stripe-names.js';

/** The payload of every Stripe event type: stripe-node's `Stripe.Event` narrowed by `type`. */
export type StripeEventPayloads = { [E in Stripe.Event as E['type']]: E };

/** The Stripe catalogue's type. */
export type StripeEvents = Catalogue<StripeEventPayloads>;

// What a Stripe receiver relies on: the event id (de-duplication), its type (routing) and the
// object the event is about (docs.stripe.com/api/events/object).
const FIELDS = [
  ['id', 'string'],
  ['type', 'string'],
  ['created', 'number'],
  ['data', 'object'],
  ['data.object', 'object'],
] as const;

const envelope = createEnvelope('hookgate/stripe', (payload) => requireFields(payload, FIELDS));

/**
 * Every Stripe event type of stripe-node's `Stripe.Event` union, each typed as its narrowed
 * event (`'invoice.paid'` → `Stripe.InvoicePaidEvent`). Checks the envelope (`id`, `type`,
 * `created`, `data.object`) and passes the rest through as Stripe sent it. Needs `stripe` installed
 * for its types (the catalogue imports no Stripe code).
 *
 * @example
 * ```ts
 * import { stripeEvents } from '@hookgate/events/stripe';
 * const receiver = createReceiver({ scheme: stripe({ secret }), events: stripeEvents });
 * receiver.on('invoice.paid', async (event) => event.data.object.amount_paid);
 * ```
 */
export const stripeEvents: StripeEvents = createCatalogue<StripeEventPayloads>(stripeEventNames, envelope);

export { stripeApiVersion } from './generated/stripe-api-version.js';
export { strictStripeEvents } from './stripe-strict.js';
