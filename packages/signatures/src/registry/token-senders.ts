import type { TokenSchemeOptions } from '../token-scheme.js';
import { auth0, chargebee, deepgram, gitlab, okta, postmark, revenuecat, telegram } from '../tokens.js';
import type { Scheme } from '../types.js';
import { DAY, HOUR, type ProviderEntry, type ProviderFacts } from './provider-entry.js';

// Senders that authenticate with a shared token or HTTP Basic credentials: the token is
// compared in constant time, but it covers no byte of the body (see token-scheme.ts).

type TokenRow = Omit<ProviderFacts, 'secret' | 'signsUrl' | 'timestamp' | 'vector'> & {
  create: (options: TokenSchemeOptions) => Scheme;
};

function tokenEntry(row: TokenRow): ProviderEntry<TokenSchemeOptions> {
  return {
    ...row,
    secret: { kind: 'token', encoding: 'utf8' },
    signsUrl: false,
    timestamp: undefined,
    vector: { source: 'docs-example', detail: 'tokens.test.ts (the header carries the configured token)' },
  };
}

/** GitLab: `X-Gitlab-Token`; GitLab does not retry (it disables failing hooks); 10 s deadline. */
export const gitlabProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'GitLab',
  eventType: { field: 'object_kind' },
  deliveryId: { header: 'X-Gitlab-Event-UUID' },
  retryHorizonMs: 0,
  responseDeadlineMs: 10_000,
  handshake: undefined,
  docs: 'https://docs.gitlab.com/user/project/integrations/webhooks/',
  create: gitlab,
});

/** Telegram Bot API: `X-Telegram-Bot-Api-Secret-Token`; updates are kept for 24 hours. */
export const telegramProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'Telegram',
  eventType: undefined,
  deliveryId: { field: 'update_id' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://core.telegram.org/bots/api#setwebhook',
  create: telegram,
});

/** Postmark: HTTP Basic credentials in the webhook URL. */
export const postmarkProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'Postmark',
  eventType: { field: 'RecordType' },
  deliveryId: undefined,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://postmarkapp.com/developer/webhooks/webhooks-overview',
  create: postmark,
});

/** Chargebee: HTTP Basic credentials; retried with backoff for about 2 days. */
export const chargebeeProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'Chargebee',
  eventType: { field: 'event_type' },
  deliveryId: { field: 'id' },
  retryHorizonMs: 172_800_000 /* 2 days */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://www.chargebee.com/docs/billing/2.0/site-configuration/webhook_settings',
  create: chargebee,
});

/** Deepgram callbacks: `dg-token`, the API key identifier. */
export const deepgramProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'Deepgram',
  eventType: undefined,
  deliveryId: { field: 'metadata.request_id' },
  retryHorizonMs: 600_000 /* 10 minutes */,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://developers.deepgram.com/docs/callback',
  create: deepgram,
});

/** RevenueCat: the configured `Authorization` value; retried 5 times over about 2.5 hours. */
export const revenuecatProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'RevenueCat',
  eventType: { field: 'event.type' },
  deliveryId: { field: 'event.id' },
  retryHorizonMs: 10_800_000 /* 3 hours */,
  responseDeadlineMs: 60_000,
  handshake: undefined,
  docs: 'https://www.revenuecat.com/docs/integrations/webhooks',
  create: revenuecat,
});

/** Auth0 log streams (custom webhook): the configured `Authorization` value. */
export const auth0Provider = /* @__PURE__ */ tokenEntry({
  displayName: 'Auth0 log streams',
  eventType: undefined,
  deliveryId: undefined,
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  handshake: undefined,
  docs: 'https://auth0.com/docs/customize/log-streams/custom-log-streams',
  create: auth0,
});

/** Okta event hooks: the configured `Authorization` value; one retry; 3 s deadline. */
export const oktaProvider = /* @__PURE__ */ tokenEntry({
  displayName: 'Okta event hooks',
  eventType: { field: 'eventType' },
  deliveryId: { field: 'eventId' },
  retryHorizonMs: 600_000 /* 10 minutes */,
  responseDeadlineMs: 3_000,
  handshake: 'one-time GET with X-Okta-Verification-Challenge answered {"verification": …}',
  docs: 'https://developer.okta.com/docs/concepts/event-hooks/',
  create: okta,
});
