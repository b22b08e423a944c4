import { getHeader } from '@hookgate/signatures';
import { DAY, field, member } from './payload-fields.js';
import type { SchemeProfile } from './profiles.js';

const metaProfile: SchemeProfile = {
  // `object` names the product (`page`, `whatsapp_business_account`, `instagram`); the first
  // change's `field` the topic (developers.facebook.com/docs/graph-api/webhooks/getting-started).
  eventType: (payload) => {
    const object = field(payload, 'object');
    const entries = member(payload, 'entry');
    const first = Array.isArray(entries) ? entries[0] : undefined;
    const changes = member(first, 'changes');
    const topic = Array.isArray(changes) ? field(changes[0], 'field') : undefined;
    return object && topic ? `${object}.${topic}` : object;
  },
  // Meta retries a failed delivery for up to 36 hours.
  retentionMs: 2 * DAY,
};

/** The first NotificationRequestItem of an Adyen batch. */
function adyenItem(payload: unknown): unknown {
  const items = member(payload, 'notificationItems');
  return Array.isArray(items) ? member(items[0], 'NotificationRequestItem') : undefined;
}

/**
 * Profiles of the senders whose schemes answer handshakes and of the non-HMAC kinds
 * (shared tokens, JWTs, public keys, signatures inside the body).
 */
export const providerProfiles: Record<string, SchemeProfile> = {
  meta: metaProfile,
  whatsapp: metaProfile,
  instagram: metaProfile,
  twitch: {
    eventType: (payload, headers) =>
      getHeader(headers, 'twitch-eventsub-message-type') === 'revocation'
        ? 'revocation'
        : field(member(payload, 'subscription'), 'type'),
    retentionMs: DAY,
  },
  zoom: {
    eventType: (payload) => field(payload, 'event'),
    // Zoom retries three times, the last about 85 minutes after the first attempt.
    retentionMs: DAY,
  },
  dropbox: {
    eventType: (payload) => (member(payload, 'list_folder') === undefined ? undefined : 'list_folder'),
    retentionMs: DAY,
  },
  asana: {
    // One delivery carries a batch of `events`; Asana retries for up to 24 hours.
    eventType: () => 'events',
    retentionMs: 2 * DAY,
  },
  gitlab: {
    // `object_kind` (`push`, `merge_request`, …) names the event in every GitLab payload.
    eventType: (payload, headers) => field(payload, 'object_kind') ?? getHeader(headers, 'x-gitlab-event'),
    retentionMs: 2 * DAY,
  },
  telegram: {
    // An Update has its `update_id` and exactly one other field, which names its kind.
    eventType: (payload) =>
      typeof payload === 'object' && payload !== null
        ? Object.keys(payload).find((key) => key !== 'update_id')
        : undefined,
    payloadId: (payload) => field(payload, 'update_id'),
    retentionMs: DAY,
  },
  postmark: { eventType: (payload) => field(payload, 'RecordType'), retentionMs: 2 * DAY },
  chargebee: {
    eventType: (payload) => field(payload, 'event_type'),
    payloadId: (payload) => field(payload, 'id'),
    retentionMs: 3 * DAY,
  },
  deepgram: { eventType: () => 'transcript', retentionMs: DAY },
  revenuecat: {
    eventType: (payload) => field(member(payload, 'event'), 'type'),
    payloadId: (payload) => field(member(payload, 'event'), 'id'),
    retentionMs: 3 * DAY,
  },
  auth0: { eventType: () => 'logs', retentionMs: DAY },
  okta: {
    eventType: (payload) => field(payload, 'eventType'),
    payloadId: (payload) => field(payload, 'eventId'),
    retentionMs: DAY,
  },
  netlify: {
    // A deploy notification is the deploy itself; its `state` says which event it is.
    eventType: (payload) => {
      const state = field(payload, 'state');
      return state === undefined ? undefined : `deploy.${state}`;
    },
    retentionMs: DAY,
  },
  vonage: {
    // Messages API: inbound messages have a `message_type`; status updates a `status`.
    eventType: (payload) =>
      field(payload, 'status') !== undefined
        ? 'message.status'
        : field(payload, 'message_type') !== undefined
          ? 'message'
          : undefined,
    retentionMs: DAY,
  },
  mailgun: {
    eventType: (payload) => field(member(payload, 'event-data'), 'event'),
    // Mailgun retries for up to 8 hours.
    retentionMs: DAY,
  },
  adyen: {
    eventType: (payload) => field(adyenItem(payload), 'eventCode'),
    // Adyen retries for up to 30 days (then queues); dedupe on the signatures for a month.
    retentionMs: 31 * DAY,
    // "Acknowledge with [accepted]" (docs.adyen.com/development-resources/webhooks, "Accept webhooks").
    acknowledge: () => ({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '[accepted]',
    }),
  },
  telnyx: {
    eventType: (payload) => field(member(payload, 'data'), 'event_type'),
    payloadId: (payload) => field(member(payload, 'data'), 'id'),
    retentionMs: DAY,
  },
  kick: {
    // Kick-Event-Type is not signed: it routes, it never keys replays (the message id does).
    eventType: (_payload, headers) => getHeader(headers, 'kick-event-type'),
    retentionMs: DAY,
  },
  twitter: {
    // Account Activity payloads hold one `<kind>_events` array, for example `tweet_create_events`.
    eventType: (payload) =>
      typeof payload === 'object' && payload !== null
        ? Object.keys(payload).find((key) => key.endsWith('_events'))
        : undefined,
    retentionMs: DAY,
  },
};
