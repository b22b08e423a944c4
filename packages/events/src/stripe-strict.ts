import type { Catalogue } from './catalogue.js';
import { stripeEventNames } from './generated/stripe-names.js';
import { stripeSchemaLoaders } from './generated/stripe-schemas/index.js';
import { createSchemaLoader, createStrictSchema } from './strict-schema.js';
import type { StripeEventPayloads } from './stripe.js';

const load = createSchemaLoader(stripeSchemaLoaders);

/**
 * `stripeEvents` with whole-payload validation: each event is checked against a schema of its
 * stripe-node type (`Stripe.InvoicePaidEvent`, with the object and everything it holds),
 * generated at build time from the declarations of the pinned `stripe` package, one module per
 * event type imported on its first delivery (the definitions it shares with other events once).
 * Fields Stripe adds after that version pass; a field of the wrong type, a missing required one
 * or a value outside a closed enum is refused with `SCHEMA_MISMATCH` (422) and its path.
 *
 * @example
 * ```ts
 * import { stripeEvents, strictStripeEvents } from '@hookgate/events/stripe';
 * const events = { ...stripeEvents, 'invoice.paid': strictStripeEvents['invoice.paid'] };
 * ```
 */
export const strictStripeEvents: Catalogue<StripeEventPayloads> = Object.freeze(
  Object.fromEntries(
    stripeEventNames.map((type) => [
      type,
      createStrictSchema(
        'hookgate/stripe-strict',
        () => load(type) ?? { message: `stripe-node types no ${type} event`, path: ['type'] },
      ),
    ]),
  ),
) as Catalogue<StripeEventPayloads>;
