import type { HmacPresetOptions } from '../preset-scheme.js';
import type { Scheme } from '../types.js';
import { presetProvider } from './preset-provider.js';
import { DAY, factoryOf, HOUR } from './provider-entry.js';

// Families F2 (`t=…,v1=…` over `t.body`), F3 (`v0:ts:body`), F4 (a timestamp header joined to
// the body) and F6 (the URL signed with the body). The signature is checked before the
// timestamp, so a stale genuine delivery is reported as stale, not forged.

/** Mux: `Mux-Signature: t=<s>,v1=<hex>` over `t.body`. */
export const muxProvider = /* @__PURE__ */ presetProvider({
  name: 'mux',
  label: 'Mux',
  header: 'Mux-Signature',
  format: { kind: 'list', separator: ',', signatureKey: 'v1', timestampKey: 't' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}.{body}',
  timestamp: { unit: 'seconds', tolerance: 300 },
  eventType: { field: 'type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.mux.com/docs/core/verify-webhook-signatures',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Calendly: `Calendly-Webhook-Signature: t=<s>,v1=<hex>` over `t.body`; 3 minutes. */
export const calendlyProvider = /* @__PURE__ */ presetProvider({
  name: 'calendly',
  label: 'Calendly',
  header: 'Calendly-Webhook-Signature',
  format: { kind: 'list', separator: ',', signatureKey: 'v1', timestampKey: 't' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}.{body}',
  timestamp: { unit: 'seconds', tolerance: 180 },
  eventType: { field: 'event' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  // developer.calendly.com "Webhook timeouts": 10 s to connect, 15 s to read the answer.
  responseDeadlineMs: 15_000,
  handshake: undefined,
  docs: 'https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** WorkOS: `WorkOS-Signature: t=<ms>, v1=<hex>` over `t.body`; 180 s (the SDK's default). */
export const workosProvider = /* @__PURE__ */ presetProvider({
  name: 'workos',
  label: 'WorkOS',
  header: 'WorkOS-Signature',
  format: { kind: 'list', separator: ', ', signatureKey: 'v1', timestampKey: 't' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}.{body}',
  timestamp: { unit: 'milliseconds', tolerance: 180 },
  eventType: { field: 'event' },
  deliveryId: { field: 'id' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://workos.com/docs/events/data-syncing/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (t in ms, a space after the comma)' },
});

/** ElevenLabs: `ElevenLabs-Signature: t=<s>,v0=<hex>` over `t.body`; 30 minutes (the SDK's window). */
export const elevenLabsProvider = /* @__PURE__ */ presetProvider({
  name: 'elevenlabs',
  label: 'ElevenLabs',
  header: 'ElevenLabs-Signature',
  format: { kind: 'list', separator: ',', signatureKey: 'v0', timestampKey: 't' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}.{body}',
  timestamp: { unit: 'seconds', tolerance: 1800 },
  eventType: { field: 'type' },
  deliveryId: undefined,
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://elevenlabs.io/docs/product-guides/administration/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Sanity: `sanity-webhook-signature: t=<ms>,v1=<base64url>` over `t.body` (`@sanity/webhook`). */
export const sanityProvider = /* @__PURE__ */ presetProvider({
  name: 'sanity',
  label: 'Sanity',
  header: 'sanity-webhook-signature',
  format: { kind: 'list', separator: ',', signatureKey: 'v1', timestampKey: 't' },
  algorithm: 'sha256',
  encoding: 'base64url',
  template: '{timestamp}.{body}',
  timestamp: { unit: 'milliseconds', tolerance: 300 },
  eventType: { header: 'sanity-operation' },
  deliveryId: { header: 'idempotency-key' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.sanity.io/docs/webhooks',
  vector: { source: 'official-sdk', detail: '@sanity/webhook (both ways), test/interop/sanity.test.ts' },
});

/** Customer.io reporting webhooks: `X-CIO-Signature: <hex>` over `v0:<ts>:<body>`. */
export const customerIoProvider = /* @__PURE__ */ presetProvider({
  name: 'customer-io',
  label: 'Customer.io',
  header: 'X-CIO-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: 'v0:{timestamp}:{body}',
  timestamp: { header: 'X-CIO-Timestamp', unit: 'seconds', tolerance: 300 },
  eventType: { field: 'metric' },
  deliveryId: { field: 'event_id' },
  retryHorizonMs: DAY,
  // docs.customer.io/api/webhooks "Timeouts and failures": a 4 second timeout.
  responseDeadlineMs: 4_000,
  handshake: undefined,
  docs: 'https://docs.customer.io/api/webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Webflow: `x-webflow-signature: <hex>` over `<ts>:<body>`, `x-webflow-timestamp` in ms; 5 minutes. */
export const webflowProvider = /* @__PURE__ */ presetProvider({
  name: 'webflow',
  label: 'Webflow',
  header: 'x-webflow-signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}:{body}',
  timestamp: { header: 'x-webflow-timestamp', unit: 'milliseconds', tolerance: 300 },
  eventType: { field: 'triggerType' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.webflow.com/data/docs/working-with-webhooks',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Zendesk: `X-Zendesk-Webhook-Signature: <base64>` over `<ts><body>`, the timestamp an RFC 3339 date. */
export const zendeskProvider = /* @__PURE__ */ presetProvider({
  name: 'zendesk',
  label: 'Zendesk',
  header: 'X-Zendesk-Webhook-Signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{timestamp}{body}',
  timestamp: { header: 'X-Zendesk-Webhook-Signature-Timestamp', unit: 'iso8601', tolerance: 300 },
  eventType: { field: 'type' },
  deliveryId: { header: 'X-Zendesk-Webhook-Invocation-Id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.zendesk.com/documentation/webhooks/verifying/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Box: `BOX-SIGNATURE-PRIMARY`/`-SECONDARY`, base64 over `<body><ts>`, `BOX-DELIVERY-TIMESTAMP` RFC 3339; 10 minutes. */
export const boxProvider = /* @__PURE__ */ presetProvider({
  name: 'box',
  label: 'Box',
  header: ['BOX-SIGNATURE-PRIMARY', 'BOX-SIGNATURE-SECONDARY'],
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}{timestamp}',
  timestamp: { header: 'BOX-DELIVERY-TIMESTAMP', unit: 'iso8601', tolerance: 600 },
  eventType: { field: 'trigger' },
  deliveryId: { header: 'BOX-DELIVERY-ID' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.box.com/guides/webhooks/v2/signatures-v2/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (either key matches)' },
});

/** HubSpot v3: `X-HubSpot-Signature-v3: <base64>` over method, URI, body and the ms timestamp; 5 minutes. */
export const hubspotProvider = /* @__PURE__ */ presetProvider({
  name: 'hubspot',
  label: 'HubSpot',
  header: 'X-HubSpot-Signature-v3',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{method}{url}{body}{timestamp}',
  timestamp: { header: 'X-HubSpot-Request-Timestamp', unit: 'milliseconds', tolerance: 300 },
  eventType: { field: '0.subscriptionType' },
  deliveryId: { field: '0.eventId' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.hubspot.com/docs/api/webhooks/validating-requests',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/** Trello: `X-Trello-Webhook: <base64>`, HMAC-SHA1 of the body followed by the callback URL. */
export const trelloProvider = /* @__PURE__ */ presetProvider({
  name: 'trello',
  label: 'Trello',
  header: 'X-Trello-Webhook',
  algorithm: 'sha1',
  encoding: 'base64',
  template: '{body}{url}',
  eventType: { field: 'action.type' },
  deliveryId: { field: 'action.id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: 'HEAD request to the callback URL when the webhook is created; answer 200',
  docs: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts' },
});

/**
 * Mailchimp Transactional (Mandrill): `X-Mandrill-Signature: <base64>`, HMAC-SHA1 of the
 * webhook URL followed by the POST parameters sorted by name, each `name + value`.
 */
export const mandrillProvider = /* @__PURE__ */ presetProvider({
  name: 'mandrill',
  label: 'Mailchimp Transactional (Mandrill)',
  header: 'X-Mandrill-Signature',
  algorithm: 'sha1',
  encoding: 'base64',
  template: '{url}{params}',
  // The events are a JSON array in the form field `mandrill_events`.
  eventType: undefined,
  deliveryId: undefined,
  // Not documented as a number; ids are kept a day past it (core's margin).
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: 'HEAD request to the webhook URL when it is added; answer 200',
  docs: 'https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests',
  vector: { source: 'docs-example', detail: 'hmac-presets.test.ts (URL + sorted form parameters)' },
});

/** Mux's scheme. */
export const mux: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(muxProvider);
/** Calendly's scheme. */
export const calendly: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(calendlyProvider);
/** WorkOS's scheme. */
export const workos: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(workosProvider);
/** ElevenLabs' scheme. */
export const elevenLabs: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(elevenLabsProvider);
/** Sanity's scheme. */
export const sanity: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(sanityProvider);
/** Customer.io's scheme. */
export const customerIo: (options: HmacPresetOptions) => Scheme =
  /* @__PURE__ */ factoryOf(customerIoProvider);
/** Webflow's scheme. */
export const webflow: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(webflowProvider);
/** Zendesk's scheme. */
export const zendesk: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(zendeskProvider);
/** Box's scheme (give both signature keys as `secret: [primary, secondary]`). */
export const box: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(boxProvider);
/** HubSpot's v3 scheme (pass the public `url` the app registered). */
export const hubspot: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(hubspotProvider);
/** Trello's scheme (pass the callback `url` exactly as registered). */
export const trello: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(trelloProvider);
/** Mandrill's scheme (pass the webhook `url` exactly as registered). */
export const mandrill: (options: HmacPresetOptions) => Scheme = /* @__PURE__ */ factoryOf(mandrillProvider);
