import type { SampleFactory } from '../sample.js';
import { event } from '../stripe.js';
import { cached, readCatalogFile } from './data.js';
import { stripeSampleApiVersion, stripeSampleObjects } from './generated/stripe.js';

/** A Stripe event type with a sample made from Stripe's own fixture of its object. */
export type StripeFixtureType = keyof typeof stripeSampleObjects;

// Many types share a fixture (`invoice.*`); the body is serialised from it, never changed.
const readFixture = cached(readCatalogFile);

/**
 * A sample of every Stripe event type whose object has a fixture in Stripe's fixtures3.json (what
 * stripe-mock serves; github.com/stripe/openapi): the event envelope as Stripe sends it around
 * that fixture, read on the first call. The envelope's id and time are fresh unless given; the
 * object is the fixture as Stripe wrote it.
 */
export const stripeFixtureSamples = Object.fromEntries(
  Object.entries(stripeSampleObjects).map(([type, object]): [string, SampleFactory] => [
    type,
    (options = {}) =>
      event(type, options, () => readFixture(`stripe/${object}.json`), stripeSampleApiVersion),
  ]),
) as Record<StripeFixtureType, SampleFactory>;
