import { createReceiver, type EventSchemas, type StandardSchemaV1 } from '@hookgate/core';
import { github, type Scheme, shopify, slack, stripe } from '@hookgate/signatures';
import { type Sample, samples, signDelivery } from '@hookgate/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { discordEvents } from './discord.js';
import { githubEvents } from './github.js';
import { shopifyEvents } from './shopify.js';
import { slackEvents } from './slack.js';
import { stripeEvents } from './stripe.js';

const SECRET = 'whsec_dGVzdF9jYXRhbG9ndWVfc2VjcmV0';

/** Signs `sample` (with `body` instead, if given) and hands it to a receiver of `events`. */
async function deliver(scheme: Scheme, events: EventSchemas, event: string, sample: Sample, body?: string) {
  const receiver = createReceiver({ scheme, events });
  const seen: unknown[] = [];
  receiver.on(event, (payload) => {
    seen.push(payload);
  });
  const signed = await signDelivery(scheme, {
    ...sample,
    body: body ?? sample.body,
    url: 'https://example.com/hooks',
  });
  const result = await receiver.handle({ ...signed, body: signed.body as string });
  return { result, seen };
}

describe('catalogues at run time', () => {
  it('passes a GitHub payload through unchanged, by name.action and by bare name', async () => {
    const sample = samples.github['issues.opened']();
    for (const route of ['issues.opened', 'issues']) {
      const { result, seen } = await deliver(github({ secret: SECRET }), githubEvents, route, sample);
      expect(result.status).toBe(200);
      expect(seen).toEqual([JSON.parse(sample.body)]);
    }
  });

  it('refuses a GitHub payload whose action is not a string', async () => {
    const sample = samples.github['issues.opened']();
    const body = JSON.stringify({ ...JSON.parse(sample.body), action: 7 });
    const { result, seen } = await deliver(github({ secret: SECRET }), githubEvents, 'issues', sample, body);
    expect(result.status).toBe(422);
    expect(JSON.parse(result.body).code).toBe('SCHEMA_MISMATCH');
    expect(seen).toEqual([]);
  });

  it('passes a Stripe event through and refuses one without data.object', async () => {
    const sample = samples.stripe['invoice.paid']();
    const ok = await deliver(stripe({ secret: SECRET }), stripeEvents, 'invoice.paid', sample);
    expect(ok.result.status).toBe(200);
    expect(ok.seen).toEqual([JSON.parse(sample.body)]);
    const body = JSON.stringify({ ...JSON.parse(sample.body), data: { object: 'in_1' } });
    const bad = await deliver(stripe({ secret: SECRET }), stripeEvents, 'invoice.paid', sample, body);
    expect(bad.result.status).toBe(422);
    expect(JSON.parse(bad.result.body).message).toContain('data.object');
  });

  it('routes a Slack event and a Shopify topic', async () => {
    const slackSample = samples.slack.app_mention();
    const slackResult = await deliver(slack({ secret: SECRET }), slackEvents, 'app_mention', slackSample);
    expect(slackResult.result.status).toBe(200);
    expect(slackResult.seen).toHaveLength(1);
    const shopifySample = samples.shopify['orders/create']();
    const shopifyResult = await deliver(
      shopify({ secret: SECRET }),
      shopifyEvents,
      'orders/create',
      shopifySample,
    );
    expect(shopifyResult.result.status).toBe(200);
    expect(shopifyResult.seen).toHaveLength(1);
  });

  it('composes: a spread entry replaces the catalogue’s schema', async () => {
    const sample = samples.stripe['invoice.paid']();
    const events = {
      ...stripeEvents,
      'invoice.paid': z.object({
        data: z.object({ object: z.object({ amount_paid: z.number().min(1_000_000) }) }),
      }),
    };
    const { result } = await deliver(stripe({ secret: SECRET }), events, 'invoice.paid', sample);
    expect(result.status).toBe(422);
    expect(Object.isFrozen(stripeEvents)).toBe(true);
  });
});

describe('envelope checks on untrusted input', () => {
  const catalogues = { githubEvents, stripeEvents, slackEvents, shopifyEvents, discordEvents };
  it('never throw, and either pass the value through unchanged or list issues with paths', () => {
    const anyPayload = fc.oneof(
      fc.jsonValue(),
      fc.record({ id: fc.jsonValue(), type: fc.jsonValue(), data: fc.jsonValue(), event: fc.jsonValue() }),
    );
    for (const [name, catalogue] of Object.entries(catalogues)) {
      const schema = Object.values(catalogue)[0] as StandardSchemaV1;
      fc.assert(
        fc.property(anyPayload, (payload) => {
          const result = schema['~standard'].validate(payload) as Awaited<
            ReturnType<StandardSchemaV1['~standard']['validate']>
          >;
          if (result.issues)
            return result.issues.length > 0 && result.issues.every((issue) => issue.message !== '');
          return result.value === payload && typeof payload === 'object' && payload !== null;
        }),
        { numRuns: 300 },
      );
      expect(name).toMatch(/Events$/);
    }
  });
});
