import { field, member } from './payload-fields.js';
import type { ProfileOverride } from './profiles.js';

const metaProfile: ProfileOverride = {
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
};

/** The kind of a payload that holds one array named `<kind>_events` (X Account Activity). */
function keyEndingWith(payload: unknown, suffix: string): string | undefined {
  return typeof payload === 'object' && payload !== null
    ? Object.keys(payload).find((key) => key.endsWith(suffix))
    : undefined;
}

/**
 * The senders of handshakes and of the non-HMAC kinds whose event type needs code (or whose
 * answer is not `{"ok":true}`); their other facts are in the `providers` registry.
 */
export const providerProfiles: Record<string, ProfileOverride> = {
  meta: metaProfile,
  whatsapp: metaProfile,
  instagram: metaProfile,
  twitch: {
    // A revocation carries no `event` and a subscription no longer `enabled`. Its message type
    // header says so too, but Twitch does not sign it: a replayed notification relabelled
    // `revocation` would run the revocation handlers and complete the notification unrun.
    eventType: (payload) => {
      const subscription = member(payload, 'subscription');
      const status = field(subscription, 'status');
      if (member(payload, 'event') === undefined && status !== undefined && status !== 'enabled') {
        return 'revocation';
      }
      return field(subscription, 'type');
    },
  },
  // A notification names changed accounts under `list_folder` (an object, not a type string).
  dropbox: {
    eventType: (payload) => (member(payload, 'list_folder') === undefined ? undefined : 'list_folder'),
  },
  // One delivery carries a batch of `events`.
  asana: { eventType: () => 'events' },
  twitter: { eventType: (payload) => keyEndingWith(payload, '_events') },
  telegram: {
    // An Update has its `update_id` and exactly one other field, which names its kind.
    eventType: (payload) =>
      typeof payload === 'object' && payload !== null
        ? Object.keys(payload).find((key) => key !== 'update_id' && key !== '')
        : undefined,
  },
  netlify: {
    // A deploy notification is the deploy itself; its `state` says which event it is.
    eventType: (payload) => {
      const state = field(payload, 'state');
      return state === undefined ? undefined : `deploy.${state}`;
    },
  },
  vonage: {
    // Messages API: inbound messages have a `message_type`; status updates a `status`.
    eventType: (payload) =>
      field(payload, 'status') !== undefined
        ? 'message.status'
        : field(payload, 'message_type') !== undefined
          ? 'message'
          : undefined,
  },
  adyen: {
    // "Acknowledge with [accepted]" (docs.adyen.com/development-resources/webhooks).
    acknowledge: () => ({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '[accepted]',
    }),
  },
};
