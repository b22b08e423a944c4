import { createReceiver } from '@hookgate/core';
import { isProviderName, providerEntry, providerNames } from '@hookgate/signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { signDelivery } from '../signed-request.js';
import { makeTestKeys, schemeFor, type TestKeys, URL } from '../test-support/provider-schemes.js';
import { githubExampleSamples } from './catalog/github.js';
import { stripeFixtureSamples } from './catalog/stripe-fixtures.js';
import { findSample, type SampleProvider, sampleEvents, samples } from './index.js';

const anything = {
  '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) },
};
// The hand-made samples (the catalogues' generated ones have tests of their own, in
// test/events/catalog-samples.test.ts: their payloads are the providers' examples, the same bytes).
const generated = new Set<unknown>([
  ...Object.values(githubExampleSamples),
  ...Object.values(stripeFixtureSamples),
]);
const all = Object.entries(samples).flatMap(([provider, byEvent]) =>
  Object.entries(byEvent)
    .filter(([, make]) => !generated.has(make))
    .map(([event]) => ({ provider: provider as SampleProvider, event })),
);

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeTestKeys();
});

describe('samples', () => {
  it('covers every provider the brief lists', () => {
    expect(all.map(({ provider, event }) => `${provider} ${event}`)).toEqual(
      expect.arrayContaining([
        'stripe invoice.paid',
        'github push',
        'github issues.opened',
        'shopify orders/create',
        'slack app_mention',
        'slack slash_command',
        'twilio message',
        'standard-webhooks user.created',
        'discord PING',
        'discord APPLICATION_COMMAND',
        'paddle transaction.completed',
        'linear Issue.create',
        'square payment.created',
        'sendgrid events',
      ]),
    );
  });

  it.each(all)(
    '$provider $event: fresh ids per call, the same bytes for the same { id, timestamp }',
    ({ provider, event }) => {
      const make = findSample(provider, event)!;
      const a = make();
      const b = make();
      expect(a.id).not.toBe(b.id);
      expect(a.body).not.toBe(b.body);
      expect(a.event).toBe(event);
      expect(a.provider).toBe(provider);
      const fixed = { id: a.id, timestamp: 1_767_225_600 };
      expect(make(fixed)).toEqual(make(fixed));
      expect(make(fixed).id).toBe(a.id);
      expect(make(fixed).timestamp).toBe(1_767_225_600);
      // The id is in the body where the provider puts it there (the registry's delivery-id
      // location is a field), else it travels in a header the scheme writes.
      const where = isProviderName(provider) ? providerEntry(provider).deliveryId : undefined;
      if (where !== undefined && 'field' in where && provider !== 'linear') {
        expect(a.body).toContain(a.id);
      }
    },
  );

  // Discord interactions carry `version: 1` as well as a `token` (the PING of
  // discord-interactions-js's tests too): the receiver must still answer and route them.
  it.each(all)('$provider $event: a receiver verifies it and routes it by its event type', routes);

  async function routes({ provider, event }: { provider: SampleProvider; event: string }) {
    const scheme = schemeFor(provider, keys);
    const handled: string[] = [];
    const receiver = createReceiver({ scheme, events: { [event]: anything } }).onAny((_payload, ctx) => {
      handled.push(`${ctx.eventType} ${ctx.deliveryId}`);
    });
    const sample = findSample(provider, event)!();
    const result = await receiver.handle(await signDelivery(scheme, { url: URL, ...sample }));
    if (event === 'PING') {
      // The pipeline answers Discord's PING itself, before any handler.
      expect(result).toMatchObject({ status: 200, body: '{"type":1}' });
      return;
    }
    expect(result.status, result.body).toBe(200);
    expect(handled).toHaveLength(1);
    expect(handled[0]!.startsWith(`${event} `)).toBe(true);
  }

  it('has at least one sample for every registered provider', () => {
    const missing = providerNames.filter((name) => sampleEvents(name).length === 0);
    expect(missing).toEqual([]);
  });

  it('finds samples by name, and nothing for unknown names', () => {
    expect(findSample('stripe')).toBe(samples.stripe['invoice.paid']);
    expect(findSample('stripe', 'invoice.paid')).toBe(samples.stripe['invoice.paid']);
    expect(findSample('stripe', 'nope')).toBeUndefined();
    expect(findSample('hmac')).toBeUndefined();
    expect(findSample('toString')).toBeUndefined();
    expect(sampleEvents('github').slice(0, 2)).toEqual(['push', 'issues.opened']);
    expect(sampleEvents('github')).toContain('check_run.completed');
    expect(sampleEvents('constructor')).toEqual([]);
  });

  it('sends Stripe JSON indented as Stripe does, and the others compact', () => {
    expect(samples.stripe['invoice.paid']().body).toMatch(/^\{\n {2}"id": "evt_/);
    expect(samples.github.push().body).toMatch(/^\{"ref":"refs\/heads\/main"/);
  });

  it('puts the event time in the payload where the provider does', () => {
    const at = 1_767_225_600;
    expect(JSON.parse(samples.linear['Issue.create']({ timestamp: at }).body).webhookTimestamp).toBe(
      at * 1000,
    );
    expect(JSON.parse(samples.stripe['invoice.paid']({ timestamp: at }).body).created).toBe(at);
    expect(JSON.parse(samples.slack.app_mention({ timestamp: at }).body).event_time).toBe(at);
  });
});
