import type { StandardIssue } from '@hookgate/core';
import type { Catalogue } from './catalogue.js';
import { stripeApiVersion } from './generated/stripe-api-version.js';
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
 * Stripe renders each event in the API version of its webhook endpoint, and the types describe
 * one version (`stripeApiVersion`): an event of another version is refused as a whole, with an
 * issue on `api_version` that says which, rather than with the fields that moved between them.
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
      createStrictSchema('hookgate/stripe-strict', (payload) => {
        if (payload.api_version !== stripeApiVersion) return versionMismatch(payload.api_version);
        return load(type) ?? { message: `stripe-node types no ${type} event`, path: ['type'] };
      }),
    ]),
  ),
) as Catalogue<StripeEventPayloads>;

/** The issue of an event rendered in another API version than the one the schemas describe. */
function versionMismatch(received: unknown): StandardIssue {
  const version = typeof received === 'string' ? `API version ${received}` : 'no API version';
  return {
    message:
      `the event has ${version}, and strictStripeEvents checks events of ${stripeApiVersion} (the ` +
      "pinned stripe-node's): set the webhook endpoint's API version to it, or use stripeEvents for this type",
    path: ['api_version'],
  };
}
