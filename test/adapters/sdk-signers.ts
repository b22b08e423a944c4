import type { ConformanceSigner } from '@hookgate/testing';
import { sign as octokitSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';

const stripeSdk = new Stripe('sk_test_conformance');

/**
 * The providers' official SDKs as signers: every adapter test proves that what they sign
 * reaches the typed handler through the real framework, byte for byte.
 */
export const sdkSigners: Record<'stripe' | 'github' | 'standard-webhooks', ConformanceSigner> = {
  stripe: ({ body, secret, timestamp }) => ({
    'stripe-signature': stripeSdk.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }),
  }),
  github: async ({ body, secret, id }) => ({
    'x-hub-signature-256': await octokitSign(secret, body),
    'x-github-delivery': id,
  }),
  'standard-webhooks': ({ body, secret, id, timestamp }) => ({
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new StandardWebhook(secret).sign(id, new Date(timestamp * 1000), body),
  }),
};
