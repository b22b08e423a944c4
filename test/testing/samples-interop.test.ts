import '@shopify/shopify-api/adapters/node';
import {
  createSignedRequest,
  findSample,
  type Sample,
  type SampleProvider,
  samples,
  signDelivery,
} from '@hookgate/testing';
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Paddle } from '@paddle/paddle-node-sdk';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { verifySlackRequest } from '@slack/bolt';
import { verifyKey } from 'discord-interactions';
import { WebhooksHelper } from 'square';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { validateRequest, validateRequestWithBody } from 'twilio/lib/webhooks/webhooks.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeTestKeys,
  SECRETS,
  schemeFor,
  type TestKeys,
  URL,
} from '../../packages/testing/src/test-support/provider-schemes.js';

// Every sample, signed by @hookgate/testing (both as a web Request and as plain data for
// supertest), verifies with the provider's official SDK, and the SDKs that parse the payload
// (Stripe, Standard Webhooks, Svix, Paddle, Linear) accept it.

/** What the SDK checks are given: the delivery as it would arrive. */
interface Arrived {
  header(name: string): string;
  headers: Record<string, string>;
  body: string;
  url: string;
}

type SdkCheck = (arrived: Arrived, sample: Sample) => Promise<void> | void;

const stripeSdk = new Stripe('sk_test_samples').webhooks;
const paddleSdk = new Paddle('pdl_sdbx_apikey_samples_test');
const shopifySdk = shopifyApi({
  apiKey: 'api-key',
  apiSecretKey: SECRETS.shopify,
  apiVersion: ApiVersion.July25,
  hostName: 'app.example.com',
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});
let keys: TestKeys;

// The providers with an official SDK; the others are verified by their own scheme in samples.test.ts.
const checks: Partial<Record<SampleProvider, SdkCheck>> = {
  stripe: (arrived, sample) => {
    const event = stripeSdk.constructEvent(arrived.body, arrived.header('stripe-signature'), SECRETS.stripe);
    expect(event).toMatchObject({ id: sample.id, type: sample.event, object: 'event' });
  },
  github: async (arrived) => {
    await expect(
      octokitVerify(SECRETS.github, arrived.body, arrived.header('x-hub-signature-256')),
    ).resolves.toBe(true);
  },
  shopify: async (arrived, sample) => {
    const result = await shopifySdk.webhooks.validate({
      rawBody: arrived.body,
      rawRequest: { headers: arrived.headers, method: 'POST', url: '/webhooks/shopify' },
    });
    expect(result).toMatchObject({ valid: true, topic: 'ORDERS_CREATE', webhookId: sample.id });
  },
  slack: (arrived) => {
    verifySlackRequest({
      signingSecret: SECRETS.slack,
      body: arrived.body,
      headers: {
        'x-slack-signature': arrived.header('x-slack-signature'),
        'x-slack-request-timestamp': Number(arrived.header('x-slack-request-timestamp')),
      },
    });
  },
  twilio: (arrived) => {
    const params = Object.fromEntries(new URLSearchParams(arrived.body));
    expect(validateRequest(SECRETS.twilio, arrived.header('x-twilio-signature'), arrived.url, params)).toBe(
      true,
    );
  },
  'standard-webhooks': (arrived) => {
    const parsed = new StandardWebhook(SECRETS.standard).verify(arrived.body, arrived.headers);
    expect(parsed).toEqual(JSON.parse(arrived.body));
  },
  svix: (arrived) => {
    expect(arrived.header('svix-id')).toMatch(/^msg_/);
    const parsed = new SvixWebhook(SECRETS.standard).verify(arrived.body, arrived.headers);
    expect(parsed).toEqual(JSON.parse(arrived.body));
  },
  discord: async (arrived) => {
    await expect(
      verifyKey(
        arrived.body,
        arrived.header('x-signature-ed25519'),
        arrived.header('x-signature-timestamp'),
        keys.discord.publicKey,
      ),
    ).resolves.toBe(true);
  },
  paddle: async (arrived, sample) => {
    const event = await paddleSdk.webhooks.unmarshal(
      arrived.body,
      SECRETS.paddle,
      arrived.header('paddle-signature'),
    );
    expect(event).toMatchObject({ eventId: sample.id, eventType: 'transaction.completed' });
    expect(event.data).toMatchObject({ status: 'completed', currencyCode: 'USD' });
  },
  linear: (arrived) => {
    const parsed = new LinearWebhookClient(SECRETS.linear).parseData(
      Buffer.from(arrived.body),
      arrived.header('linear-signature'),
    );
    expect(parsed).toMatchObject({ type: 'Issue', action: 'create' });
  },
  square: async (arrived) => {
    await expect(
      WebhooksHelper.verifySignature({
        requestBody: arrived.body,
        signatureHeader: arrived.header('x-square-hmacsha256-signature'),
        signatureKey: SECRETS.square,
        notificationUrl: arrived.url,
      }),
    ).resolves.toBe(true);
  },
  sendgrid: (arrived) => {
    const ew = new EventWebhook();
    const valid = ew.verifySignature(
      ew.convertPublicKeyToECDSA(keys.sendgrid.publicKey),
      arrived.body,
      arrived.header(EventWebhookHeader.SIGNATURE()),
      arrived.header(EventWebhookHeader.TIMESTAMP()),
    );
    expect(valid).toBe(true);
  },
};

const all = Object.entries(samples)
  .filter(([provider]) => Object.hasOwn(checks, provider))
  .flatMap(([provider, byEvent]) =>
    Object.keys(byEvent).map((event) => ({ provider: provider as SampleProvider, event })),
  );

function arrived(headers: Record<string, string>, body: string, url: string): Arrived {
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    header: (name) => {
      const value = lower[name.toLowerCase()];
      if (value === undefined) throw new Error(`the signed delivery has no ${name} header`);
      return value;
    },
    headers: lower,
    body,
    url,
  };
}

beforeAll(async () => {
  keys = await makeTestKeys();
});

describe('samples signed by @hookgate/testing verify with the official SDKs', () => {
  it.each(all)('$provider $event, as a web Request (createSignedRequest)', async ({ provider, event }) => {
    const sample = findSample(provider, event)!();
    const request = await createSignedRequest(schemeFor(provider, keys), { url: URL, ...sample });
    const headers = Object.fromEntries(request.headers);
    await checks[provider]!(arrived(headers, await request.text(), request.url), sample);
  });

  it.each(all)('$provider $event, as plain data (signDelivery)', async ({ provider, event }) => {
    const sample = findSample(provider, event)!();
    const delivery = await signDelivery(schemeFor(provider, keys), { url: URL, ...sample });
    expect(typeof delivery.body).toBe('string');
    await checks[provider]!(arrived(delivery.headers, delivery.body as string, delivery.url!), sample);
  });

  it('Twilio JSON bodies: signed through bodySHA256, accepted by validateRequestWithBody', async () => {
    const body = JSON.stringify({ EventType: 'onMessageAdded', Body: 'Hello 👋' });
    const request = await createSignedRequest(schemeFor('twilio', keys), { url: `${URL}?a=1`, body });
    expect(request.url).toContain('bodySHA256=');
    expect(
      validateRequestWithBody(
        SECRETS.twilio,
        request.headers.get('x-twilio-signature')!,
        request.url,
        await request.text(),
      ),
    ).toBe(true);
  });

  it('SDKs refuse a sample whose body was re-serialised (the checks can fail)', async () => {
    const sample = samples.stripe['invoice.paid']();
    const request = await createSignedRequest(schemeFor('stripe', keys), { url: URL, ...sample });
    const compact = JSON.stringify(JSON.parse(await request.text()));
    expect(() => checks.stripe!(arrived(Object.fromEntries(request.headers), compact, URL), sample)).toThrow(
      /No signatures found matching the expected signature/,
    );
  });
});
