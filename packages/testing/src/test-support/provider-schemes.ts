import {
  discord,
  github,
  linear,
  paddle,
  type Scheme,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooks,
  stripe,
  svix,
  twilio,
} from '@hookgate/signatures';
import { createTestScheme, testSecret } from '../provider-credentials.js';
import type { SampleProvider } from '../samples/index.js';
import { generateTestKeys, type TestKeyPair } from '../test-keys.js';

/** Secrets of the test schemes, in each provider's format. */
export const SECRETS = {
  stripe: 'whsec_test_3f9a2b7c1d8e4f6a',
  github: "It's a Secret to Everybody",
  shopify: 'shpss_0123456789abcdef0123456789abcdef',
  slack: '8f742231b10e8888abcd99yyyzzz85a5',
  twilio: '12345',
  standard: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  paddle: 'pdl_ntfset_01hv8wt8q6s9nzp5qpxz7c4fyy_0123456789abcdef',
  linear: 'lin_wh_0123456789abcdef0123456789abcdef',
  square: 'sq0whs_0123456789abcdef',
};

/** The URL the tests sign for (Twilio and Square sign it). */
export const URL = 'https://example.test/webhooks';

/** Key pairs of the public-key schemes, made once per test file. */
export interface TestKeys {
  discord: TestKeyPair;
  sendgrid: TestKeyPair;
  kick: TestKeyPair;
  telnyx: TestKeyPair;
  wise: TestKeyPair;
}

export async function makeTestKeys(): Promise<TestKeys> {
  return {
    discord: await generateTestKeys('discord'),
    sendgrid: await generateTestKeys('sendgrid'),
    kick: await generateTestKeys('kick'),
    telnyx: await generateTestKeys('telnyx'),
    wise: await generateTestKeys('wise'),
  };
}

/** A scheme that signs and verifies each sample provider's deliveries. */
export function schemeFor(provider: SampleProvider, keys: TestKeys): Scheme {
  switch (provider) {
    case 'stripe':
      return stripe({ secret: SECRETS.stripe });
    case 'github':
      return github({ secret: SECRETS.github });
    case 'shopify':
      return shopify({ secret: SECRETS.shopify });
    case 'slack':
      return slack({ secret: SECRETS.slack });
    case 'twilio':
      return twilio({ secret: SECRETS.twilio });
    case 'standard-webhooks':
      return standardWebhooks({ secret: SECRETS.standard });
    case 'svix':
      return svix({ secret: SECRETS.standard });
    case 'discord':
      return discord(keys.discord);
    case 'paddle':
      return paddle({ secret: SECRETS.paddle });
    case 'linear':
      return linear({ secret: SECRETS.linear });
    case 'square':
      return square({ secret: SECRETS.square });
    case 'sendgrid':
      return sendgrid(keys.sendgrid);
    case 'kick':
    case 'telnyx':
    case 'wise':
      return createTestScheme(provider, { keys: keys[provider] });
    default:
      // Every other provider from the registry, with its test secret.
      return createTestScheme(provider, { secret: testSecret(provider) });
  }
}
