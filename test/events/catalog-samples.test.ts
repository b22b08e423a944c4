import { createReceiver, type EventSchemas } from '@hookgate/core';
import { githubEvents, strictGithubEvents } from '@hookgate/events/github';
import { stripeEvents } from '@hookgate/events/stripe';
import { github, type Scheme, stripe } from '@hookgate/signatures';
import {
  catalogSamples,
  loadableSampleEvents,
  loadSample,
  type Sample,
  signDelivery,
} from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { githubExamples } from '../../packages/testing/src/samples/catalog/generated/github/index.js';

const SECRET = 'whsec_Y2F0YWxvZ19zYW1wbGVz';

/** Hands a signed sample to a receiver of `events`; the status and the event routed. */
async function deliver(scheme: Scheme, events: EventSchemas, sample: Sample) {
  const receiver = createReceiver({ scheme, events });
  const routed: string[] = [];
  receiver.onAny((_payload, context) => {
    routed.push(context.eventType);
  });
  const signed = await signDelivery(scheme, { ...sample, body: sample.body });
  const result = await receiver.handle({ ...signed, body: signed.body as string });
  return { status: result.status, body: result.body, routed };
}

describe('catalogue samples', () => {
  it('has a GitHub sample for every route with an example, each accepted by githubEvents', async () => {
    const routes = Object.keys(catalogSamples.github);
    expect(routes.length).toBeGreaterThan(150);
    for (const route of routes) {
      const sample = await catalogSamples.github[route]!();
      expect(Object.hasOwn(githubEvents, route), route).toBe(true);
      const { status, routed } = await deliver(github({ secret: SECRET }), githubEvents, sample);
      expect({ route, status, routed }).toEqual({ route, status: 200, routed: [route] });
    }
  });

  it('GitHub’s own examples pass the strict schemas', async () => {
    const official = Object.entries(githubExamples).filter(([, { source }]) => source === 'spec');
    expect(official.length).toBeGreaterThanOrEqual(6);
    for (const [route] of official) {
      const { status, body } = await deliver(
        github({ secret: SECRET }),
        strictGithubEvents,
        (await loadSample('github', route))!,
      );
      expect({ route, status, body }).toMatchObject({ route, status: 200 });
    }
  });

  it('Stripe samples for every catalogued sample type are accepted by stripeEvents', async () => {
    const types = loadableSampleEvents('stripe');
    expect(types).toEqual(expect.arrayContaining(['checkout.session.completed', 'invoice.paid']));
    for (const type of types) {
      const sample = (await loadSample('stripe', type))!;
      const { status, routed } = await deliver(stripe({ secret: SECRET }), stripeEvents, sample);
      expect({ type, status, routed }).toEqual({ type, status: 200, routed: [type] });
    }
  });

  it('gives the same bytes for the same id, a fresh id otherwise', async () => {
    const fixed = { id: '5b7e0a2c-0000-4000-a000-000000000001', timestamp: 1_767_225_600 };
    expect(await loadSample('github', 'ping', fixed)).toEqual(await loadSample('github', 'ping', fixed));
    const [a, b] = [await loadSample('github', 'ping'), await loadSample('github', 'ping')];
    expect(a!.id).not.toBe(b!.id);
    expect(await loadSample('github', 'issues.teleported')).toBeUndefined();
  });
});
