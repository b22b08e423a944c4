import { getHeader, type HeadersInput, isDiscordWebhookEvent } from '@hookgate/signatures';
import { DAY, field, HOUR, member } from './payload-fields.js';
import { providerProfiles } from './provider-profiles.js';
import type { DeliveryAttempt, HandleResult } from './types.js';

/** What the core knows about each sender beyond its signature. */
export interface SchemeProfile {
  /** The event type of a verified payload. */
  eventType(payload: unknown, headers: HeadersInput): string | undefined;
  /** The delivery id inside the (signed) payload, where the sender puts one there. */
  payloadId?(payload: unknown): string | undefined;
  /** How long a completed delivery id is kept: the sender's whole retry horizon. */
  retentionMs: number;
  /** Whether `issues.opened` is also routed to handlers of the bare name `issues`. */
  bareNameRouting?: boolean;
  /** Retry information from the headers. */
  attempt?(headers: HeadersInput): DeliveryAttempt | undefined;
  /**
   * The answer to every verified delivery of this kind, whatever the handlers return, where
   * the sender asks for one (Discord Webhook Events: `204` with no body).
   */
  acknowledge?(payload: unknown): HandleResult | undefined;
}

const payloadType = (payload: unknown) => field(payload, 'type');

const DISCORD_INTERACTIONS: Record<string, string> = {
  '1': 'PING',
  '2': 'APPLICATION_COMMAND',
  '3': 'MESSAGE_COMPONENT',
  '4': 'APPLICATION_COMMAND_AUTOCOMPLETE',
  '5': 'MODAL_SUBMIT',
};

/**
 * Defaults per scheme name. Retention covers each sender's documented retry horizon with a
 * margin: Stripe retries for up to 3 days, Svix-based senders for about 28 hours, Shopify 8
 * times over 4 hours, Paddle for 3 days, Square for 24 hours, Slack within 5 minutes.
 */
export const profiles: Record<string, SchemeProfile> = {
  stripe: {
    eventType: payloadType,
    payloadId: (payload) => field(payload, 'id'),
    retentionMs: 4 * DAY,
  },
  github: {
    eventType: (payload, headers) => {
      const event = getHeader(headers, 'x-github-event');
      const action = field(payload, 'action');
      return event && action ? `${event}.${action}` : event;
    },
    retentionMs: 4 * DAY,
    bareNameRouting: true,
  },
  'standard-webhooks': {
    eventType: payloadType,
    retentionMs: 3 * DAY,
  },
  svix: {
    eventType: payloadType,
    retentionMs: 3 * DAY,
  },
  slack: {
    eventType: (payload) => {
      const type = payloadType(payload);
      if (type === 'event_callback') return field(member(payload, 'event'), 'type');
      if (type) return type;
      return field(payload, 'command') ? 'slash_command' : undefined;
    },
    payloadId: (payload) => field(payload, 'event_id'),
    retentionMs: DAY,
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
    retentionMs: 2 * DAY,
  },
  twilio: {
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
    retentionMs: DAY,
  },
  discord: {
    eventType: (payload) => {
      if (isDiscordWebhookEvent(payload)) {
        return (
          field(member(payload, 'event'), 'type') ?? (field(payload, 'type') === '0' ? 'PING' : undefined)
        );
      }
      const type = field(payload, 'type');
      return type === undefined ? undefined : (DISCORD_INTERACTIONS[type] ?? type);
    },
    payloadId: (payload) => field(payload, 'id'),
    retentionMs: HOUR,
    // "Your endpoint must respond with a 204 No Content with an empty body" to every Webhook
    // Event within 3 s (discord.com/developers/docs/events/webhook-events).
    acknowledge: (payload) =>
      isDiscordWebhookEvent(payload) ? { status: 204, headers: {}, body: '' } : undefined,
  },
  paddle: {
    eventType: (payload) => field(payload, 'event_type'),
    payloadId: (payload) => field(payload, 'notification_id') ?? field(payload, 'event_id'),
    retentionMs: 4 * DAY,
  },
  linear: {
    eventType: (payload) => {
      const type = payloadType(payload);
      const action = field(payload, 'action');
      return type && action ? `${type}.${action}` : type;
    },
    retentionMs: 2 * DAY,
    bareNameRouting: true,
  },
  square: {
    eventType: payloadType,
    payloadId: (payload) => field(payload, 'event_id'),
    retentionMs: 2 * DAY,
  },
  sendgrid: {
    // SendGrid posts a batch (an array) of events; the batch is the unit of delivery.
    eventType: () => 'events',
    retentionMs: 2 * DAY,
  },
  ...providerProfiles,
};

/** The profile of a scheme: its own, or generic defaults for custom senders. */
export function profileOf(schemeName: string): SchemeProfile {
  return (
    profiles[schemeName] ?? {
      eventType: (payload) => payloadType(payload) ?? field(payload, 'event'),
      payloadId: (payload) => field(payload, 'id'),
      retentionMs: 3 * DAY,
    }
  );
}
