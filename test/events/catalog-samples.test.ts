import { createReceiver, type EventSchemas } from '@hookgate/core';
import { githubEvents, strictGithubEvents } from '@hookgate/events/github';
import { stripeEvents } from '@hookgate/events/stripe';
import { github, type Scheme, stripe } from '@hookgate/signatures';
import { loadableSampleEvents, loadSample, type Sample, samples, signDelivery } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { githubExampleSources } from '../../packages/testing/src/samples/catalog/generated/github.js';
import {
  stripeSampleObjects,
  stripeTypesWithoutSample,
} from '../../packages/testing/src/samples/catalog/generated/stripe.js';
import { githubExampleSamples } from '../../packages/testing/src/samples/catalog/github.js';
import { stripeFixtureSamples } from '../../packages/testing/src/samples/catalog/stripe-fixtures.js';

const SECRET = 'whsec_Y2F0YWxvZ19zYW1wbGVz';

/** Hands a signed sample to a receiver of `events`; the status, the answer and the event routed. */
async function deliver(scheme: Scheme, events: EventSchemas, sample: Sample) {
  const receiver = createReceiver({ scheme, events });
  const routed: string[] = [];
  receiver.onAny((_payload, context) => {
    routed.push(context.eventType);
  });
  const signed = await signDelivery(scheme, sample);
  const result = await receiver.handle({ ...signed, body: signed.body as string });
  return { status: result.status, body: result.body, routed };
}

describe('catalogue samples', () => {
  it('has a GitHub sample for every route with an example, each accepted by githubEvents', async () => {
    const routes = Object.keys(githubExampleSources) as (keyof typeof githubExampleSources)[];
    expect(routes.length).toBeGreaterThan(150);
    for (const route of routes) {
      const sample = githubExampleSamples[route]();
      expect(Object.hasOwn(githubEvents, route), route).toBe(true);
      const { status, routed } = await deliver(github({ secret: SECRET }), githubEvents, sample);
      expect({ route, status, routed }).toEqual({ route, status: 200, routed: [route] });
    }
  });

  it('GitHub’s own examples pass the strict schemas', async () => {
    const official = Object.entries(githubExampleSources).filter(([, source]) => source === 'spec');
    expect(official.length).toBeGreaterThanOrEqual(6);
    for (const [route] of official) {
      const { status, body } = await deliver(
        github({ secret: SECRET }),
        strictGithubEvents,
        loadSample('github', route)!,
      );
      expect({ route, status, body }).toMatchObject({ route, status: 200 });
    }
  });

  it('has a Stripe sample of every Stripe.Event type with a fixture, each accepted by stripeEvents', async () => {
    const types = Object.keys(stripeSampleObjects) as (keyof typeof stripeSampleObjects)[];
    expect(types.length + stripeTypesWithoutSample.length).toBe(Object.keys(stripeEvents).length);
    expect(types.length).toBeGreaterThan(250);
    for (const type of types) {
      const sample = stripeFixtureSamples[type]();
      const payload = JSON.parse(sample.body) as { type: string; data: { object: { object: string } } };
      // The envelope around the fixture of the object the event is about.
      expect({ type, object: payload.data.object.object }).toMatchObject({ type: payload.type });
      expect(stripeSampleObjects[type]).toMatch(new RegExp(`(^|_)${payload.data.object.object}$`));
      const { status, routed } = await deliver(stripe({ secret: SECRET }), stripeEvents, sample);
      expect({ type, status, routed }).toEqual({ type, status: 200, routed: [type] });
    }
  });

  it('every sample loadSample names is accepted by its catalogue, hand-made ones included', async () => {
    expect(loadableSampleEvents('stripe')).toEqual(expect.arrayContaining(['checkout.session.completed']));
    for (const type of loadableSampleEvents('stripe')) {
      const { status } = await deliver(stripe({ secret: SECRET }), stripeEvents, loadSample('stripe', type)!);
      expect({ type, status }).toEqual({ type, status: 200 });
    }
    expect(loadableSampleEvents('github')).toHaveLength(Object.keys(samples.github).length);
  });

  it('serves samples synchronously from samples, hand-made ones first and winning', () => {
    const session = samples.stripe['checkout.session.completed']();
    expect(JSON.parse(session.body)).toMatchObject({ type: 'checkout.session.completed', object: 'event' });
    const invoice = JSON.parse(samples.stripe['invoice.created']().body);
    expect(invoice.data.object).toMatchObject({ object: 'invoice' });
    expect(JSON.parse(samples.github['issues.opened']().body)).toMatchObject({ action: 'opened' });
    expect(Object.keys(samples.stripe).slice(0, 2)).toEqual(['invoice.paid', 'payment_intent.succeeded']);
    expect(Object.keys(samples.github)[0]).toBe('push');
    // The hand-made invoice.paid (the fields handlers read), not the fixture's (every field).
    const fieldsOf = (type: 'invoice.paid' | 'invoice.created') =>
      Object.keys(JSON.parse(samples.stripe[type]().body).data.object);
    expect(fieldsOf('invoice.paid').length).toBeLessThan(40);
    expect(fieldsOf('invoice.created').length).toBeGreaterThan(60);
  });

  it('gives the same bytes for the same id, a fresh id otherwise, and fresh objects', () => {
    const fixed = { id: '5b7e0a2c-0000-4000-a000-000000000001', timestamp: 1_767_225_600 };
    expect(loadSample('github', 'ping', fixed)).toEqual(loadSample('github', 'ping', fixed));
    expect(loadSample('stripe', 'charge.failed', fixed)).toEqual(
      loadSample('stripe', 'charge.failed', fixed),
    );
    const [a, b] = [loadSample('github', 'ping'), loadSample('github', 'ping')];
    expect(a!.id).not.toBe(b!.id);
    expect(loadSample('github', 'issues.teleported')).toBeUndefined();
    expect(loadSample('stripe', 'apps.install.created')).toBeUndefined();
  });
});
