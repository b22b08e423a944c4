import { readFileSync } from 'node:fs';
import type { JsonSchema } from './github-spec.js';
import { banner, STRIPE_FIXTURES } from './sources.js';
import type { StripeEvents } from './stripe-events.js';
import { unexpandStubs } from './stripe-unexpand.js';

/** Stripe's fixtures (vendor/stripe-fixtures3.json): one example object per `object` value. */
export function readStripeFixtures(): Record<string, unknown> {
  const { resources } = JSON.parse(readFileSync(STRIPE_FIXTURES.file, 'utf8')) as {
    resources: Record<string, unknown>;
  };
  return resources;
}

/**
 * The Stripe sample of every event type whose `data.object` has a fixture: `data` holds each
 * fixture used once (packages/testing/catalog/stripe/<object>.json, read on first use, wrapped
 * in the event envelope at run time), `index` maps each type to its fixture and lists the types
 * without one. For a union (`customer.source.*`) the first member with a fixture is used. The
 * fixtures' stubs of expanded objects become ids, as Stripe sends them (see stripe-unexpand.ts).
 */
export function stripeSampleFiles(
  { events, apiVersion }: StripeEvents,
  fixtures: Record<string, unknown>,
  objectSchema: (type: string) => { schema: JsonSchema; defs: Record<string, unknown> },
): { data: Map<string, string>; index: string } {
  const data = new Map<string, string>();
  const withFixture: string[] = [];
  const without: string[] = [];
  for (const { type, objects } of events) {
    const object = objects.find((name) => Object.hasOwn(fixtures, name));
    if (object === undefined) {
      without.push(type);
      continue;
    }
    if (!data.has(`stripe/${object}.json`)) {
      const { schema, defs } = objectSchema(type);
      const fixture = unexpandStubs(fixtures[object], schema, defs);
      data.set(`stripe/${object}.json`, `${JSON.stringify(fixture, null, 2)}\n`);
    }
    withFixture.push(`  '${type}': '${object}',`);
  }
  const index = `${banner('stripe', 'stripe/openapi')}
/** The API version stripe-node's types describe, which the samples' envelopes carry. */
export const stripeSampleApiVersion = '${apiVersion}';

/** Each Stripe event type with a sample: the fixture (catalog/stripe/<object>.json) of its \`data.object\`. */
export const stripeSampleObjects = {
${withFixture.join('\n')}
} as const;

/** The event types of \`Stripe.Event\` whose object has no fixture in Stripe's fixtures3.json. */
export const stripeTypesWithoutSample = ${JSON.stringify(without)} as const;
`;
  return { data, index };
}
