import { describe, expectTypeOf, it } from 'vitest';
import { loadSample, samples } from '../index.js';
import type { Sample, SampleFactory } from '../sample.js';
import type { GithubExampleRoute } from './github.js';
import type { StripeFixtureType } from './stripe-fixtures.js';

describe('samples of the catalogued events', () => {
  it('has typed keys for every GitHub route with an example and every Stripe type with a fixture', () => {
    expectTypeOf(samples.github['issues.opened']).toEqualTypeOf<typeof samples.github.push>();
    expectTypeOf(samples.github['check_run.completed']).toEqualTypeOf<SampleFactory>();
    expectTypeOf(samples.stripe['checkout.session.completed']()).toEqualTypeOf<Sample>();
    expectTypeOf(samples.stripe['invoice.created']).toEqualTypeOf<SampleFactory>();
    expectTypeOf<'check_run.completed'>().toExtend<keyof typeof samples.github>();
    expectTypeOf<GithubExampleRoute>().toExtend<keyof typeof samples.github>();
    expectTypeOf<StripeFixtureType>().toExtend<keyof typeof samples.stripe>();
  });

  it('refuses an event name with no sample', () => {
    // @ts-expect-error GitHub sends no such event
    samples.github['issues.teleported'];
    // @ts-expect-error Stripe's fixtures have no three_d_secure.authentication
    samples.stripe['three_d_secure.authentication.succeeded'];
    // @ts-expect-error no such Stripe event
    samples.stripe['invoice.teleported'];
  });

  it('loadSample is synchronous, and looks names up at run time', () => {
    expectTypeOf(loadSample('stripe', 'invoice.created')).toEqualTypeOf<Sample | undefined>();
  });
});
