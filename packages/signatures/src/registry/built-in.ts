import { type DiscordOptions, discord } from '../discord.js';
import { type GitHubOptions, github } from '../github.js';
import { type LinearOptions, linear } from '../linear.js';
import { type PaddleOptions, paddle } from '../paddle.js';
import { type SendGridOptions, sendgrid } from '../sendgrid.js';
import { type ShopifyOptions, shopify } from '../shopify.js';
import { type SlackOptions, slack } from '../slack.js';
import { type SquareOptions, square } from '../square.js';
import { type StandardWebhooksOptions, standardWebhooks, svix } from '../standard-webhooks.js';
import { type StripeOptions, stripe } from '../stripe.js';
import { type TwilioOptions, twilio } from '../twilio.js';
import { DAY, MINUTE, type ProviderEntry } from './provider-entry.js';

// The schemes with code of their own (one file each), and their facts. Deadlines and retry
// horizons are the senders' documented ones (see the "Sender deadlines" survey, PROVIDERS.md);
// `undefined` where the sender documents none.

/** Stripe: `t=…,v1=…` over `t.body`; retries for up to 3 days in live mode. */
export const stripeProvider: ProviderEntry<StripeOptions> = {
  displayName: 'Stripe',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  // Stripe's docs give no number ("return a 2xx quickly"); the CLI forwarder waits 30 s.
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.stripe.com/webhooks#verify-events',
  vector: { source: 'official-sdk', detail: 'stripe (both ways), test/interop/stripe.test.ts' },
  create: stripe,
};

/** GitHub: `sha256=` hex of the body; no automatic retries, redelivery by hand for 3 days. */
export const githubProvider: ProviderEntry<GitHubOptions> = {
  displayName: 'GitHub',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { header: 'X-GitHub-Event' },
  deliveryId: { header: 'X-GitHub-Delivery' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: 10_000,
  handshake: undefined,
  docs: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  vector: {
    source: 'published-vector',
    detail: "GitHub's documented test values; @octokit/webhooks-methods both ways",
  },
  create: github,
};

/** Slack: `v0:ts:body`; retries immediately, after 1 and after 5 minutes. */
export const slackProvider: ProviderEntry<SlackOptions> = {
  displayName: 'Slack',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'type' },
  deliveryId: { field: 'event_id' },
  retryHorizonMs: 360_000 /* 6 minutes */,
  responseDeadlineMs: 3_000,
  handshake: 'url_verification: echo the challenge (answered by the receiver)',
  docs: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  vector: { source: 'published-vector', detail: "Slack's documented example; @slack/bolt both ways" },
  create: slack,
};

/** Shopify: base64 of the body; 8 retries over 4 hours. */
export const shopifyProvider: ProviderEntry<ShopifyOptions> = {
  displayName: 'Shopify',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { header: 'X-Shopify-Topic' },
  deliveryId: { header: 'X-Shopify-Webhook-Id' },
  retryHorizonMs: 14_400_000 /* 4 hours */,
  responseDeadlineMs: 5_000,
  handshake: undefined,
  docs: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https',
  vector: {
    source: 'official-sdk',
    detail: '@shopify/shopify-api (both ways), test/interop/shopify.test.ts',
  },
  create: shopify,
};

/** Twilio: HMAC-SHA1 of the URL and the sorted form parameters. */
export const twilioProvider: ProviderEntry<TwilioOptions> = {
  displayName: 'Twilio',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: true,
  timestamp: undefined,
  eventType: undefined,
  deliveryId: { header: 'I-Twilio-Idempotency-Token' },
  // Connection retries (`#rc`) happen within seconds of the first attempt.
  retryHorizonMs: MINUTE,
  responseDeadlineMs: 15_000,
  handshake: undefined,
  docs: 'https://www.twilio.com/docs/usage/security#validating-requests',
  vector: { source: 'official-sdk', detail: 'twilio (both ways), test/interop/twilio.test.ts' },
  create: twilio,
};

/** Discord interactions and webhook events: Ed25519 over `ts + body`; no retries. */
export const discordProvider: ProviderEntry<DiscordOptions> = {
  displayName: 'Discord',
  secret: { kind: 'public-key', encoding: 'hex' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: 0,
  responseDeadlineMs: 3_000,
  handshake: 'PING (type 1) answered with PONG; webhook-event PING answered 204',
  docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers',
  vector: {
    source: 'official-sdk',
    detail: 'discord-interactions (both ways), test/interop/discord.test.ts',
  },
  create: discord,
};

const SVIX_HORIZON = 100_800_000 /* 28 hours */;

/** Standard Webhooks (spec v1). */
export const standardWebhooksProvider: ProviderEntry<StandardWebhooksOptions> = {
  displayName: 'Standard Webhooks',
  secret: { kind: 'shared-secret', encoding: 'whsec' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'type' },
  deliveryId: { header: 'webhook-id' },
  retryHorizonMs: SVIX_HORIZON,
  responseDeadlineMs: 15_000,
  handshake: undefined,
  docs: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md',
  vector: { source: 'published-vector', detail: 'the spec test vectors; standardwebhooks both ways' },
  create: standardWebhooks,
};

/** Svix (Standard Webhooks with `svix-*` headers). */
export const svixProvider: ProviderEntry<StandardWebhooksOptions> = {
  ...standardWebhooksProvider,
  displayName: 'Svix',
  deliveryId: { header: 'svix-id' },
  docs: 'https://docs.svix.com/receiving/verifying-payloads/how-manual',
  vector: { source: 'official-sdk', detail: 'svix (both ways), test/interop/svix.test.ts' },
  create: svix,
};

/** Paddle Billing: `ts=…;h1=…` over `ts:body`; 5 s window as the SDK; retries for 3 days. */
export const paddleProvider: ProviderEntry<PaddleOptions> = {
  displayName: 'Paddle Billing',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 5 },
  eventType: { field: 'event_type' },
  deliveryId: { field: 'notification_id' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: 5_000,
  handshake: undefined,
  docs: 'https://developer.paddle.com/webhooks/signature-verification',
  vector: {
    source: 'official-sdk',
    detail: '@paddle/paddle-node-sdk (both ways), test/interop/paddle.test.ts',
  },
  create: paddle,
};

/** Linear: hex of the body, `webhookTimestamp` (ms) in the body; 60 s. */
export const linearProvider: ProviderEntry<LinearOptions> = {
  displayName: 'Linear',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'milliseconds', toleranceSeconds: 60 },
  eventType: { field: 'type' },
  deliveryId: { header: 'Linear-Delivery' },
  // Retries after 1 minute, 1 hour and 6 hours.
  retryHorizonMs: 25_200_000 /* 7 hours */ + MINUTE,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://linear.app/developers/webhooks#securing-webhooks',
  vector: { source: 'official-sdk', detail: '@linear/sdk (both ways), test/interop/linear.test.ts' },
  create: linear,
};

/** Square: base64 over the notification URL and the body; retries for 24 hours. */
export const squareProvider: ProviderEntry<SquareOptions> = {
  displayName: 'Square',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: true,
  timestamp: undefined,
  eventType: { field: 'type' },
  deliveryId: { field: 'event_id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.squareup.com/docs/webhooks/step3validate',
  vector: { source: 'official-sdk', detail: 'square (both ways), test/interop/square.test.ts' },
  create: square,
};

/** SendGrid Event Webhook: ECDSA P-256 over `ts + body`; retries for 24 hours. */
export const sendgridProvider: ProviderEntry<SendGridOptions> = {
  displayName: 'SendGrid',
  secret: { kind: 'public-key', encoding: 'spki' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features',
  vector: {
    source: 'official-sdk',
    detail: '@sendgrid/eventwebhook (both ways), test/interop/sendgrid.test.ts',
  },
  create: sendgrid,
};
