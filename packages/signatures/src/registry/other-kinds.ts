import { type AdyenOptions, adyen } from '../adyen.js';
import type { JwtBodySchemeOptions } from '../jwt-body-scheme.js';
import { netlify, vonage } from '../jwt-senders.js';
import { type KickOptions, kick } from '../kick.js';
import { type MailgunOptions, mailgun } from '../mailgun.js';
import { type TelnyxOptions, telnyx } from '../telnyx.js';
import { type WiseOptions, wise } from '../wise.js';
import { DAY, HOUR, type ProviderEntry } from './provider-entry.js';

// Senders that are no HMAC family: a JWT carrying the body's hash, a signature inside the
// body, or a public key (RSA, Ed25519).

/** Netlify deploy notifications: HS256 JWS with `iss=netlify` and the body's `sha256`. */
export const netlifyProvider: ProviderEntry<JwtBodySchemeOptions> = {
  displayName: 'Netlify',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { field: 'state' },
  deliveryId: undefined,
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.netlify.com/site-deploys/deploy-notifications/#payload-signature',
  vector: { source: 'docs-example', detail: 'jwt-senders.test.ts (jose-signed JWS both ways)' },
  create: netlify,
};

/** Vonage signed webhooks: HS256 Bearer JWT with `payload_hash`, `iat` and `jti`. */
export const vonageProvider: ProviderEntry<JwtBodySchemeOptions> = {
  displayName: 'Vonage',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'status' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks',
  vector: {
    source: 'official-sdk',
    detail: '@vonage/jwt verifySignature of ours; jose-signed tokens verify here',
  },
  create: vonage,
};

/** Mailgun: HMAC of `timestamp + token` inside the body; retried for 8 hours. */
export const mailgunProvider: ProviderEntry<MailgunOptions> = {
  displayName: 'Mailgun',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'event-data.event' },
  deliveryId: { field: 'signature.token' },
  retryHorizonMs: 28_800_000 /* 8 hours */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks',
  vector: { source: 'docs-example', detail: 'mailgun.test.ts (HMAC of timestamp+token, node:crypto)' },
  create: mailgun,
};

/** Adyen standard webhooks: per-item HMAC (hex key) inside the body; retried for 30 days. */
export const adyenProvider: ProviderEntry<AdyenOptions> = {
  displayName: 'Adyen',
  secret: { kind: 'shared-secret', encoding: 'hex' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { field: 'notificationItems.0.NotificationRequestItem.eventCode' },
  deliveryId: undefined,
  retryHorizonMs: 2_592_000_000 /* 30 days */,
  responseDeadlineMs: 10_000,
  handshake: undefined,
  docs: 'https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures/',
  vector: {
    source: 'published-vector',
    detail: "Adyen's documented example; @adyen/api-library HmacValidator both ways",
  },
  create: adyen,
};

/** Kick: RSA-PKCS1v1.5-SHA256 over `id.timestamp.body` with Kick's published key. */
export const kickProvider: ProviderEntry<KickOptions> = {
  displayName: 'Kick',
  secret: { kind: 'public-key', encoding: 'pem' },
  signsUrl: false,
  timestamp: { unit: 'iso8601', toleranceSeconds: 300 },
  eventType: { header: 'Kick-Event-Type' },
  deliveryId: { header: 'Kick-Event-Message-Id' },
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.kick.com/events/webhook-security',
  vector: { source: 'docs-example', detail: 'kick.test.ts (node:crypto RSA-SHA256 both ways)' },
  create: kick,
};

/** Telnyx: Ed25519 over `timestamp|body`, base64 key and signature. */
export const telnyxProvider: ProviderEntry<TelnyxOptions> = {
  displayName: 'Telnyx',
  secret: { kind: 'public-key', encoding: 'base64' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'data.event_type' },
  deliveryId: { field: 'data.id' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks',
  vector: { source: 'docs-example', detail: 'telnyx.test.ts (node:crypto Ed25519 both ways)' },
  create: telnyx,
};

/** Wise: RSA-SHA256 of the body with Wise's published key; no timestamp. */
export const wiseProvider: ProviderEntry<WiseOptions> = {
  displayName: 'Wise',
  secret: { kind: 'public-key', encoding: 'pem' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { field: 'event_type' },
  deliveryId: { header: 'X-Delivery-Id' },
  // Wise documents retries with growing intervals but no end; two weeks keeps ids long enough.
  retryHorizonMs: 1_209_600_000 /* 14 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://docs.wise.com/api-docs/guides/webhooks',
  vector: { source: 'docs-example', detail: 'wise.test.ts (node:crypto RSA-SHA256 both ways)' },
  create: wise,
};
