import {
  getHeader,
  type HeadersInput,
  isDiscordWebhookEvent,
  isProviderName,
  providerEntry,
} from '@hookgate/signatures';
import { DAY, field, member } from './payload-fields.js';
import { providerProfiles } from './provider-profiles.js';
import { profileFromEntry } from './registry-profile.js';
import type { DeliveryAttempt, HandleResult } from './types.js';

/** What the core knows about each sender beyond its signature. */
export interface SchemeProfile {
  /** The event type of a verified payload. */
  eventType(payload: unknown, headers: HeadersInput): string | undefined;
  /** The delivery id inside the (signed) payload, where the sender puts one there. */
  payloadId?(payload: unknown): string | undefined;
  /** How long a completed delivery id is kept: the sender's whole retry horizon. */
  retentionMs: number;
  /** How long the sender waits for an answer (ms), where it documents it. */
  responseDeadlineMs?: number | undefined;
  /** Whether `issues.opened` is also routed to handlers of the bare name `issues`. */
  bareNameRouting?: boolean | undefined;
  /** Retry information from the headers. */
  attempt?(headers: HeadersInput): DeliveryAttempt | undefined;
  /**
   * The answer to every verified delivery of this kind, whatever the handlers return, where
   * the sender asks for one (Discord Webhook Events: `204` with no body).
   */
  acknowledge?(payload: unknown): HandleResult | undefined;
  /**
   * Whether the sender posts form-encoded bodies (Twilio, Slack's commands and interactions,
   * Mandrill; and senders hookgate does not know). A body of any other sender is read as JSON
   * whatever its unsigned `Content-Type` says.
   */
  forms?: boolean | undefined;
}

const payloadType = (payload: unknown) => field(payload, 'type');

const DISCORD_INTERACTIONS: Record<string, string> = {
  '1': 'PING',
  '2': 'APPLICATION_COMMAND',
  '3': 'MESSAGE_COMPONENT',
  '4': 'APPLICATION_COMMAND_AUTOCOMPLETE',
  '5': 'MODAL_SUBMIT',
};

/** What a scheme's own profile adds to (or overrides in) the one derived from the registry. */
export type ProfileOverride = Partial<Omit<SchemeProfile, 'retentionMs'>>;

/**
 * The senders whose event type or handshakes need code; everything else (and every sender's
 * retention: its retry horizon plus a margin) is derived from the `providers` registry.
 */
export const profiles: Record<string, ProfileOverride> = {
  github: {
    eventType: (payload, headers) => {
      const event = getHeader(headers, 'x-github-event');
      const action = field(payload, 'action');
      return event && action ? `${event}.${action}` : event;
    },
    bareNameRouting: true,
  },
  slack: {
    forms: true,
    eventType: (payload) => {
      const type = payloadType(payload);
      if (type === 'event_callback') return field(member(payload, 'event'), 'type');
      if (type) return type;
      return field(payload, 'command') ? 'slash_command' : undefined;
    },
    payloadId: (payload) => field(payload, 'event_id'),
    attempt: (headers) => {
      const retry = getHeader(headers, 'x-slack-retry-num');
      if (retry === undefined || !/^\d{1,4}$/.test(retry)) return undefined;
      const reason = getHeader(headers, 'x-slack-retry-reason');
      return reason === undefined ? { retry: Number(retry) } : { retry: Number(retry), reason };
    },
  },
  shopify: {
    eventType: (_payload, headers) =>
      getHeader(headers, 'x-shopify-topic') ?? getHeader(headers, 'shopify-topic'),
  },
  twilio: {
    forms: true,
    // Twilio posts forms without a type field; messages and calls are told apart by their sids.
    eventType: (payload) => {
      if (field(payload, 'MessageStatus') || field(payload, 'SmsStatus')) {
        return field(payload, 'Body') !== undefined && !field(payload, 'MessageStatus')
          ? 'message'
          : 'message.status';
      }
      if (field(payload, 'CallSid'))
        return field(payload, 'CallStatus') === 'ringing' ? 'call' : 'call.status';
      return field(payload, 'MessageSid') ? 'message' : undefined;
    },
  },
  discord: {
    eventType: (payload) => {
      if (isDiscordWebhookEvent(payload)) {
        return (
          field(member(payload, 'event'), 'type') ?? (field(payload, 'type') === '0' ? 'PING' : undefined)
        );
      }
      const type = field(payload, 'type');
      // Own keys only: a `type` of `__proto__` or `constructor` is a name, not Object's members.
      if (type === undefined) return undefined;
      return Object.hasOwn(DISCORD_INTERACTIONS, type) ? DISCORD_INTERACTIONS[type] : type;
    },
    payloadId: (payload) => field(payload, 'id'),
    // "Your endpoint must respond with a 204 No Content with an empty body" to every Webhook
    // Event within 3 s (discord.com/developers/docs/events/webhook-events).
    acknowledge: (payload) =>
      isDiscordWebhookEvent(payload) ? { status: 204, headers: {}, body: '' } : undefined,
  },
  paddle: {
    eventType: (payload) => field(payload, 'event_type'),
    payloadId: (payload) => field(payload, 'notification_id') ?? field(payload, 'event_id'),
  },
  linear: {
    eventType: (payload) => {
      const type = payloadType(payload);
      const action = field(payload, 'action');
      return type && action ? `${type}.${action}` : type;
    },
    bareNameRouting: true,
  },
  sendgrid: {
    // SendGrid posts a batch (an array) of events; the batch is the unit of delivery.
    eventType: () => 'events',
  },
  // The events are a JSON array in the form field `mandrill_events`.
  mandrill: { forms: true },
  ...providerProfiles,
};

/**
 * The profile of a scheme: derived from its registry entry, with its own overrides on top;
 * generic defaults for custom senders.
 */
export function profileOf(schemeName: string): SchemeProfile {
  if (isProviderName(schemeName)) {
    const own = Object.hasOwn(profiles, schemeName) ? profiles[schemeName] : undefined;
    return { ...profileFromEntry(providerEntry(schemeName)), ...own };
  }
  return {
    eventType: (payload) => payloadType(payload) ?? field(payload, 'event'),
    payloadId: (payload) => field(payload, 'id'),
    retentionMs: 3 * DAY,
    forms: true,
  };
}
