import { type AsanaOptions, asana } from '../asana.js';
import { type DropboxOptions, dropbox } from '../dropbox.js';
import { instagram, type MetaOptions, meta, whatsapp } from '../meta.js';
import { type TwitchOptions, twitch } from '../twitch.js';
import { type TwitterOptions, twitter } from '../twitter.js';
import { type ZoomOptions, zoom } from '../zoom.js';
import { DAY, type ProviderEntry } from './provider-entry.js';

// Senders that need a challenge answered before they deliver; the receiver answers each
// through the scheme's `handshake` (see types.ts, SchemeHandshake). Retry horizons and
// deadlines as the providers document them; `undefined` where they give none.

const META_DOCS = 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started';
const META_HANDSHAKE =
  'GET hub.mode=subscribe with hub.verify_token (verifyToken option): hub.challenge echoed';

function metaEntry(
  displayName: string,
  create: (options: MetaOptions) => ReturnType<typeof meta>,
  retryHorizonMs: number,
): ProviderEntry<MetaOptions> {
  return {
    displayName,
    secret: { kind: 'shared-secret', encoding: 'utf8' },
    signsUrl: false,
    timestamp: undefined,
    // The receiver routes by `object` and the first change's `field` (core's override).
    eventType: { field: 'object' },
    deliveryId: undefined,
    retryHorizonMs,
    responseDeadlineMs: undefined,
    handshake: META_HANDSHAKE,
    docs: META_DOCS,
    vector: { source: 'docs-example', detail: 'meta.test.ts (sha256= hex of the body, node:crypto)' },
    create,
  };
}

/** Meta Graph API webhooks (Pages, Messenger): retried for up to 36 hours. */
export const metaProvider = /* @__PURE__ */ metaEntry('Meta (Facebook)', meta, 129_600_000 /* 36 hours */);
/** WhatsApp Business Platform: Meta retries failed notifications for up to 7 days. */
export const whatsappProvider = /* @__PURE__ */ metaEntry('WhatsApp', whatsapp, 604_800_000 /* 7 days */);
/** Instagram: Meta's scheme, retried for up to 36 hours. */
export const instagramProvider = /* @__PURE__ */ metaEntry(
  'Instagram',
  instagram,
  129_600_000 /* 36 hours */,
);

/** Dropbox: body HMAC, GET ?challenge= echoed; Dropbox waits 10 s for an answer. */
export const dropboxProvider: ProviderEntry<DropboxOptions> = {
  displayName: 'Dropbox',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: { field: 'list_folder' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: 10_000,
  handshake: 'GET ?challenge= echoed as text/plain with X-Content-Type-Options: nosniff',
  docs: 'https://www.dropbox.com/developers/reference/webhooks',
  vector: { source: 'docs-example', detail: 'dropbox.test.ts (hex of the body, node:crypto)' },
  create: dropbox,
};

/** Asana: body HMAC keyed with the X-Hook-Secret of the handshake; retried for 24 hours. */
export const asanaProvider: ProviderEntry<AsanaOptions> = {
  displayName: 'Asana',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: 10_000,
  handshake: 'first request carries X-Hook-Secret: handed to onHookSecret, echoed in the response header',
  docs: 'https://developers.asana.com/docs/webhooks-guide',
  vector: { source: 'docs-example', detail: 'asana.test.ts (hex of the body, node:crypto)' },
  create: asana,
};

/** X (Twitter) Account Activity: body HMAC (base64) and the CRC; X waits 3 s. */
export const twitterProvider: ProviderEntry<TwitterOptions> = {
  displayName: 'X (Twitter)',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: undefined,
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: 600_000 /* 10 minutes */,
  responseDeadlineMs: 3_000,
  handshake: 'GET ?crc_token= answered {"response_token":"sha256=<base64 HMAC>"}',
  docs: 'https://docs.x.com/x-api/webhooks/introduction',
  vector: {
    source: 'docs-example',
    detail: "twitter.test.ts (X's CRC example secret and token, node:crypto)",
  },
  create: twitter,
};

/** Twitch EventSub: `id + timestamp + body`, 10-minute window, signed message id. */
export const twitchProvider: ProviderEntry<TwitchOptions> = {
  displayName: 'Twitch EventSub',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'iso8601', toleranceSeconds: 600 },
  eventType: { field: 'subscription.type' },
  deliveryId: { header: 'Twitch-Eventsub-Message-Id' },
  retryHorizonMs: 600_000 /* 10 minutes */,
  responseDeadlineMs: undefined,
  handshake: 'webhook_callback_verification (signed): challenge echoed as text/plain',
  docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message',
  vector: { source: 'docs-example', detail: "twitch.test.ts (Twitch's challenge message, node:crypto)" },
  create: twitch,
};

/** Zoom: `v0:ts:body`; retried after 5, 20 and 60 minutes; Zoom waits 3 s. */
export const zoomProvider: ProviderEntry<ZoomOptions> = {
  displayName: 'Zoom',
  secret: { kind: 'shared-secret', encoding: 'utf8' },
  signsUrl: false,
  timestamp: { unit: 'seconds', toleranceSeconds: 300 },
  eventType: { field: 'event' },
  deliveryId: undefined,
  retryHorizonMs: 5_100_000 /* 85 minutes */,
  responseDeadlineMs: 3_000,
  handshake: 'endpoint.url_validation (signed): {plainToken, encryptedToken: hex HMAC(plainToken)}',
  docs: 'https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events',
  vector: { source: 'docs-example', detail: "zoom.test.ts (Zoom's url_validation example, node:crypto)" },
  create: zoom,
};
