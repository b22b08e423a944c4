import type { HmacPresetOptions } from '../preset-scheme.js';
import type { Scheme } from '../types.js';
import { presetProvider } from './preset-provider.js';
import { DAY, factoryOf, HOUR } from './provider-entry.js';

// Family F1: an HMAC of the raw body alone, in one header (raw or prefixed). No timestamp is
// signed, so replays are caught by the delivery id or, without one, by the content key.
// Each row cites the provider's page that documents the header and the hash.

/** Bitbucket Cloud: `X-Hub-Signature: sha256=<hex>` of the body. */
export const bitbucketProvider = /* @__PURE__ */ presetProvider({
  name: 'bitbucket',
  label: 'Bitbucket',
  header: 'X-Hub-Signature',
  format: { kind: 'prefixed', prefix: 'sha256=' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { header: 'X-Event-Key' },
  deliveryId: { header: 'X-Request-UUID' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (sha256= hex of the body, as GitHub)' },
});

/** Gitea / Forgejo: `X-Gitea-Signature: <hex>` of the body. */
export const giteaProvider = /* @__PURE__ */ presetProvider({
  name: 'gitea',
  label: 'Gitea',
  header: 'X-Gitea-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { header: 'X-Gitea-Event' },
  deliveryId: { header: 'X-Gitea-Delivery' },
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.gitea.com/usage/repository/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Vercel: `x-vercel-signature: <hex>`, HMAC-**SHA1** of the body (not SHA-256). */
export const vercelProvider = /* @__PURE__ */ presetProvider({
  name: 'vercel',
  label: 'Vercel',
  header: 'x-vercel-signature',
  algorithm: 'sha1',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (sha1 hex of the raw body)' },
});

/** Heroku app webhooks: `Heroku-Webhook-Hmac-SHA256: <base64>` of the body. */
export const herokuProvider = /* @__PURE__ */ presetProvider({
  name: 'heroku',
  label: 'Heroku',
  header: 'Heroku-Webhook-Hmac-SHA256',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'resource' },
  deliveryId: { header: 'Heroku-Webhook-Id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://devcenter.heroku.com/articles/app-webhooks#securing-webhook-requests',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Sentry integration platform: `Sentry-Hook-Signature: <hex>` of the body (client secret). */
export const sentryProvider = /* @__PURE__ */ presetProvider({
  name: 'sentry',
  label: 'Sentry',
  header: 'Sentry-Hook-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { header: 'Sentry-Hook-Resource' },
  deliveryId: { header: 'Request-ID' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.sentry.io/organization/integrations/integration-platform/webhooks/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (raw body, not a re-serialised JSON)' },
});

/** Doppler: `X-Doppler-Signature: sha256=<hex>` of the body. */
export const dopplerProvider = /* @__PURE__ */ presetProvider({
  name: 'doppler',
  label: 'Doppler',
  header: 'X-Doppler-Signature',
  format: { kind: 'prefixed', prefix: 'sha256=' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: undefined,
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.doppler.com/docs/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Lemon Squeezy: `X-Signature: <hex>` of the body; the event name in `X-Event-Name`. */
export const lemonSqueezyProvider = /* @__PURE__ */ presetProvider({
  name: 'lemon-squeezy',
  label: 'Lemon Squeezy',
  header: 'X-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { header: 'X-Event-Name' },
  deliveryId: undefined,
  // Three retries with exponential backoff (5 s, 25 s, 125 s).
  retryHorizonMs: 180_000 /* 3 minutes */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Razorpay: `X-Razorpay-Signature: <hex>` of the body (the webhook secret). */
export const razorpayProvider = /* @__PURE__ */ presetProvider({
  name: 'razorpay',
  label: 'Razorpay',
  header: 'X-Razorpay-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'event' },
  deliveryId: { header: 'x-razorpay-event-id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://razorpay.com/docs/webhooks/validate-test/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** WooCommerce: `X-WC-Webhook-Signature: <base64>` of the body. */
export const wooCommerceProvider = /* @__PURE__ */ presetProvider({
  name: 'woocommerce',
  label: 'WooCommerce',
  header: 'X-WC-Webhook-Signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { header: 'X-WC-Webhook-Topic' },
  deliveryId: { header: 'X-WC-Webhook-Delivery-ID' },
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Cal.com: `X-Cal-Signature-256: <hex>` of the body. */
export const calComProvider = /* @__PURE__ */ presetProvider({
  name: 'cal-com',
  label: 'Cal.com',
  header: 'X-Cal-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'triggerEvent' },
  deliveryId: undefined,
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://cal.com/docs/developing/guides/automation/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Intercom: `X-Hub-Signature: sha1=<hex>`, HMAC-SHA1 of the body (the app's client secret). */
export const intercomProvider = /* @__PURE__ */ presetProvider({
  name: 'intercom',
  label: 'Intercom',
  header: 'X-Hub-Signature',
  format: { kind: 'prefixed', prefix: 'sha1=' },
  algorithm: 'sha1',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'topic' },
  deliveryId: { field: 'id' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.intercom.com/docs/references/webhooks/webhook-models',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Typeform: `Typeform-Signature: sha256=<base64>` of the body. */
export const typeformProvider = /* @__PURE__ */ presetProvider({
  name: 'typeform',
  label: 'Typeform',
  header: 'Typeform-Signature',
  format: { kind: 'prefixed', prefix: 'sha256=' },
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'event_type' },
  deliveryId: { field: 'event_id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Segment webhooks destination: `X-Signature: <hex>`, HMAC-SHA1 of the body. */
export const segmentProvider = /* @__PURE__ */ presetProvider({
  name: 'segment',
  label: 'Segment',
  header: 'X-Signature',
  algorithm: 'sha1',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'messageId' },
  retryHorizonMs: 14_400_000 /* 4 hours */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://segment.com/docs/connections/destinations/catalog/webhooks/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** LINE Messaging API: `x-line-signature: <base64>` of the body (the channel secret). */
export const lineProvider = /* @__PURE__ */ presetProvider({
  name: 'line',
  label: 'LINE',
  header: 'x-line-signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'events.0.type' },
  deliveryId: { field: 'events.0.webhookEventId' },
  retryHorizonMs: DAY,
  responseDeadlineMs: 2_000,
  handshake: undefined,
  docs: 'https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** DocuSign Connect: `X-DocuSign-Signature-1`…`-N`, base64 HMAC-SHA256 of the body, one per key. */
export const docusignProvider = /* @__PURE__ */ presetProvider({
  name: 'docusign',
  label: 'DocuSign Connect',
  header: ['X-DocuSign-Signature-1', 'X-DocuSign-Signature-2', 'X-DocuSign-Signature-3'],
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'event' },
  deliveryId: undefined,
  retryHorizonMs: 172_800_000 /* 2 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.docusign.com/platform/webhooks/connect/hmac/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Airtable: `X-Airtable-Content-MAC: hmac-sha256=<hex>`, keyed with the base64-decoded `macSecretBase64`. */
export const airtableProvider = /* @__PURE__ */ presetProvider({
  name: 'airtable',
  label: 'Airtable',
  header: 'X-Airtable-Content-MAC',
  format: { kind: 'prefixed', prefix: 'hmac-sha256=' },
  algorithm: 'sha256',
  encoding: 'hex',
  key: 'base64',
  template: '{body}',
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: 25_000,
  handshake: undefined,
  docs: 'https://airtable.com/developers/web/api/webhooks-overview',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Paystack: `x-paystack-signature: <hex>`, HMAC-**SHA512** of the body (the secret key). */
export const paystackProvider = /* @__PURE__ */ presetProvider({
  name: 'paystack',
  label: 'Paystack',
  header: 'x-paystack-signature',
  algorithm: 'sha512',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'event' },
  deliveryId: { field: 'data.id' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://paystack.com/docs/payments/webhooks/#verify-event-origin',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Coinbase Commerce: `X-CC-Webhook-Signature: <hex>` of the body. */
export const coinbaseCommerceProvider = /* @__PURE__ */ presetProvider({
  name: 'coinbase-commerce',
  label: 'Coinbase Commerce',
  header: 'X-CC-Webhook-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'event.type' },
  deliveryId: { field: 'event.id' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.cdp.coinbase.com/commerce-onchain/docs/webhooks-security',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Checkout.com: `Cko-Signature: <hex>` of the body (the webhook's secret key). */
export const checkoutComProvider = /* @__PURE__ */ presetProvider({
  name: 'checkout-com',
  label: 'Checkout.com',
  header: 'Cko-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Alchemy Notify: `X-Alchemy-Signature: <hex>` of the body (the webhook's signing key). */
export const alchemyProvider = /* @__PURE__ */ presetProvider({
  name: 'alchemy',
  label: 'Alchemy',
  header: 'X-Alchemy-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.alchemy.com/docs/reference/notify-api-quickstart#webhook-signature--security',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** PagerDuty v3: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>]` of the body; any may match. */
export const pagerdutyProvider = /* @__PURE__ */ presetProvider({
  name: 'pagerduty',
  label: 'PagerDuty',
  header: 'X-PagerDuty-Signature',
  format: { kind: 'list', separator: ',', signatureKey: 'v1' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'event.event_type' },
  deliveryId: { header: 'X-Webhook-Id' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.pagerduty.com/docs/webhooks/webhook-signatures/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (two v1 entries, either matches)' },
});

/** Microsoft Teams outgoing webhook: `Authorization: HMAC <base64>`, keyed with the base64-decoded token. */
export const microsoftTeamsProvider = /* @__PURE__ */ presetProvider({
  name: 'microsoft-teams',
  label: 'Microsoft Teams',
  header: 'Authorization',
  format: { kind: 'prefixed', prefix: 'HMAC ' },
  algorithm: 'sha256',
  encoding: 'base64',
  key: 'base64',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook',
  vector: {
    source: 'docs-example',
    detail: 'hmac-presets.test.ts (OfficeDev sample: HMAC-SHA256 of the body, base64 key)',
  },
});

/** Fourthwall: `X-Fourthwall-Hmac-SHA256: <base64>` of the body. */
export const fourthwallProvider = /* @__PURE__ */ presetProvider({
  name: 'fourthwall',
  label: 'Fourthwall',
  header: 'X-Fourthwall-Hmac-SHA256',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.fourthwall.com/webhooks/signature-verification/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** ClickUp: `X-Signature: <hex>` of the body (the webhook's `secret`). */
export const clickUpProvider = /* @__PURE__ */ presetProvider({
  name: 'clickup',
  label: 'ClickUp',
  header: 'X-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'event' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.clickup.com/docs/webhooksignature',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Xero: `x-xero-signature: <base64>` of the body (the webhook key); "intent to receive" is a signed delivery answered 200, a forged one 401. */
export const xeroProvider = /* @__PURE__ */ presetProvider({
  name: 'xero',
  label: 'Xero',
  header: 'x-xero-signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: { field: 'events.0.eventType' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake:
    'intent to receive: a signed delivery with no events must get 200, a wrongly signed one 401 (the receiver does both)',
  docs: 'https://developer.xero.com/documentation/guides/webhooks/configuring-your-server/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** GoCardless: `Webhook-Signature: <hex>` of the body (the endpoint secret); events arrive in batches. */
export const goCardlessProvider = /* @__PURE__ */ presetProvider({
  name: 'gocardless',
  label: 'GoCardless',
  header: 'Webhook-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  eventType: { field: 'events.0.resource_type' },
  deliveryId: { field: 'events.0.id' },
  retryHorizonMs: 604_800_000 /* 7 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Hookdeck: `x-hookdeck-signature: <base64>` of the body (the project's signing secret). */
export const hookdeckProvider = /* @__PURE__ */ presetProvider({
  name: 'hookdeck',
  label: 'Hookdeck',
  header: 'x-hookdeck-signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://hookdeck.com/docs/authentication',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Bitbucket's scheme (`sha256=` hex of the body in `X-Hub-Signature`). */
export const bitbucket: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(bitbucketProvider);
/** Gitea's scheme (hex of the body in `X-Gitea-Signature`). */
export const gitea: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(giteaProvider);
/** Vercel's scheme (SHA-1 hex of the body in `x-vercel-signature`). */
export const vercel: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(vercelProvider);
/** Heroku's scheme (base64 of the body in `Heroku-Webhook-Hmac-SHA256`). */
export const heroku: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(herokuProvider);
/** Sentry's scheme (hex of the body in `Sentry-Hook-Signature`). */
export const sentry: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(sentryProvider);
/** Doppler's scheme (`sha256=` hex in `X-Doppler-Signature`). */
export const doppler: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(dopplerProvider);
/** Lemon Squeezy's scheme (hex of the body in `X-Signature`). */
export const lemonSqueezy: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(lemonSqueezyProvider);
/** Razorpay's scheme (hex of the body in `X-Razorpay-Signature`). */
export const razorpay: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(razorpayProvider);
/** WooCommerce's scheme (base64 of the body in `X-WC-Webhook-Signature`). */
export const wooCommerce: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(wooCommerceProvider);
/** Cal.com's scheme (hex of the body in `X-Cal-Signature-256`). */
export const calCom: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(calComProvider);
/** Intercom's scheme (`sha1=` hex in `X-Hub-Signature`). */
export const intercom: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(intercomProvider);
/** Typeform's scheme (`sha256=` base64 in `Typeform-Signature`). */
export const typeform: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(typeformProvider);
/** Segment's scheme (SHA-1 hex in `X-Signature`). */
export const segment: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(segmentProvider);
/** LINE's scheme (base64 of the body in `x-line-signature`). */
export const line: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(lineProvider);
/** DocuSign Connect's scheme (base64 in `X-DocuSign-Signature-N`). */
export const docusign: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(docusignProvider);
/** Airtable's scheme (`hmac-sha256=` hex in `X-Airtable-Content-MAC`, base64 key). */
export const airtable: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(airtableProvider);
/** Paystack's scheme (SHA-512 hex in `x-paystack-signature`). */
export const paystack: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(paystackProvider);
/** Coinbase Commerce's scheme (hex in `X-CC-Webhook-Signature`). */
export const coinbaseCommerce: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(coinbaseCommerceProvider);
/** Checkout.com's scheme (hex in `Cko-Signature`). */
export const checkoutCom: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(checkoutComProvider);
/** Alchemy's scheme (hex in `X-Alchemy-Signature`). */
export const alchemy: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(alchemyProvider);
/** PagerDuty's scheme (`v1=` list in `X-PagerDuty-Signature`). */
export const pagerduty: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(pagerdutyProvider);
/** Microsoft Teams' scheme (`HMAC ` base64 in `Authorization`, base64 key). */
export const microsoftTeams: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(microsoftTeamsProvider);
/** Fourthwall's scheme (base64 in `X-Fourthwall-Hmac-SHA256`). */
export const fourthwall: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(fourthwallProvider);
/** ClickUp's scheme (hex in `X-Signature`). */
export const clickUp: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(clickUpProvider);
/** Xero's scheme (base64 in `x-xero-signature`). */
export const xero: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(xeroProvider);
/** GoCardless' scheme (hex in `Webhook-Signature`). */
export const goCardless: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(goCardlessProvider);
/** Hookdeck's scheme (base64 in `x-hookdeck-signature`). */
export const hookdeck: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(hookdeckProvider);
