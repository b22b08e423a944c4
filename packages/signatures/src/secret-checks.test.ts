import { describe, expect, it } from 'vitest';
import { discord } from './discord.js';
import { github } from './github.js';
import { hmac } from './hmac.js';
import { linear } from './linear.js';
import { paddle } from './paddle.js';
import { sendgrid } from './sendgrid.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { standardWebhooks, svix } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { twilio } from './twilio.js';

// Shaped like Stripe's keys; not real ones.
const API_KEYS = [
  'sk_live_51NqFakeFakeFakeFakeFakeFake0000',
  'sk_test_51NqFakeFakeFakeFakeFakeFake0000',
  'rk_live_51NqFakeFakeFakeFakeFakeFake0000',
  'pk_live_51NqFakeFakeFakeFakeFakeFake0000',
];

describe('obviously wrong secrets are refused when the scheme is created', () => {
  it.each(API_KEYS)('Stripe refuses an API key (%s) where the whsec_ endpoint secret belongs', (key) => {
    const error = expectThrowsWebhookError(() => stripe({ secret: key }), 'INVALID_SECRET', [
      key,
      key.slice(3),
    ]);
    expect(error.message).toContain('Stripe API key');
    expect(error.message).toContain('whsec_');
    expectThrowsWebhookError(() => stripe({ secret: ['whsec_current', key] }), 'INVALID_SECRET', [key]);
  });

  it('Stripe refuses an API key returned by a secret lookup, when the delivery arrives', async () => {
    const [key] = API_KEYS as [string];
    const scheme = stripe({ secret: () => key });
    const error = await expectWebhookError(
      scheme.verify({ headers: { 'stripe-signature': 't=1,v1=00' }, body: '{}' }),
      'INVALID_SECRET',
      [key],
    );
    expect(error.message).toContain('Stripe API key');
  });

  it('Stripe still takes whsec_ secrets and secrets of other shapes', () => {
    expect(stripe({ secret: 'whsec_abc' }).name).toBe('stripe');
    expect(stripe({ secret: 'a-test-secret' }).name).toBe('stripe');
  });

  it.each([
    'xoxb-1234567890-0987654321-FakeFakeFakeFake',
    'xoxp-1234567890-FakeFakeFake',
    'xapp-1-A0FAKE-1234-fakefakefake',
  ])('Slack refuses a token (%s) where the signing secret belongs, naming the prefix only', (token) => {
    const error = expectThrowsWebhookError(() => slack({ secret: token }), 'INVALID_SECRET', [
      token,
      token.slice(5),
    ]);
    expect(error.message).toContain('a Slack token');
    expect(error.message).toContain('Signing Secret');
    expect(slack({ secret: '8f742231b10e8888abcd99yyyzzz85a5' }).name).toBe('slack');
  });

  it('Standard Webhooks and Svix name the right kind for a secret that is not base64', () => {
    for (const create of [standardWebhooks, svix]) {
      const secret = 'my plain text password!';
      const error = expectThrowsWebhookError(() => create({ secret }), 'INVALID_SECRET', [secret]);
      expect(error.message).toContain('whsec_ followed by base64');
    }
  });

  const factories: [string, (secret: string) => unknown][] = [
    ['stripe', (secret) => stripe({ secret })],
    ['github', (secret) => github({ secret })],
    ['slack', (secret) => slack({ secret })],
    ['shopify', (secret) => shopify({ secret })],
    ['linear', (secret) => linear({ secret })],
    ['paddle', (secret) => paddle({ secret })],
    ['square', (secret) => square({ secret, notificationUrl: 'https://example.test/hook' })],
    ['twilio', (secret) => twilio({ secret })],
    ['standardWebhooks', (secret) => standardWebhooks({ secret })],
    ['svix', (secret) => svix({ secret })],
    ['hmac', (secret) => hmac({ secret, header: 'x-signature' })],
    ['discord', (publicKey) => discord({ publicKey })],
    ['sendgrid', (publicKey) => sendgrid({ publicKey })],
  ];

  it.each(factories)('%s refuses an empty secret or key', (_name, create) => {
    expectThrowsWebhookError(() => create(''), 'INVALID_SECRET');
  });
});
