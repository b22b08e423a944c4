import { getHeader, type HeadersInput, isProviderName, providerEntry } from '@hookgate/signatures';
import { profileFromEntry } from './registry-profile.js';
import type { DeliveryAttempt } from './types.js';

/** A response a sender's handshake needs before any handler runs. */
export interface Handshake {
  status: number;
  body: unknown;
}

/** What the core knows about each sender beyond its signature. */
export interface SchemeProfile {
  /** The event type of a verified payload. */
  eventType(payload: unknown, headers: HeadersInput): string | undefined;
  /** The delivery id inside the (signed) payload, where the sender puts one there. */
  payloadId?(payload: unknown): string | undefined;
  /** How long a completed delivery id is kept: the sender's whole retry horizon. */
  retentionMs: number;
  /** How long the sender waits for an answer (ms), where it documents it. */
  responseDeadlineMs?: number;
  /** Whether `issues.opened` is also routed to handlers of the bare name `issues`. */
  bareNameRouting?: boolean;
  /** Retry information from the headers. */
  attempt?(headers: HeadersInput): DeliveryAttempt | undefined;
  /** A handshake answered by the pipeline itself (Slack's URL challenge, Discord's PING). */
  handshake?(payload: unknown): Handshake | undefined;
}

const DAY = 86_400_000;

/** Reads an own string (or number) property of a parsed payload. */
export function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found = (value as Record<string, unknown>)[key];
  if (typeof found === 'string' && found !== '') return found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

const payloadType = (payload: unknown) => field(payload, 'type');

/**
 * Discord sends two kinds of signed request: interactions (always with a `token`, and a
 * `version` too) and Webhook Events (`version`, a `type` of 0 for PING or 1, and an `event`).
 */
function isDiscordWebhookEvent(payload: unknown): boolean {
  if (member(payload, 'token') !== undefined) return false;
  return member(payload, 'event') !== undefined || member(payload, 'version') !== undefined;
}

const DISCORD_INTERACTIONS: Record<string, string> = {
  '1': 'PING',
  '2': 'APPLICATION_COMMAND',
  '3': 'MESSAGE_COMPONENT',
  '4': 'APPLICATION_COMMAND_AUTOCOMPLETE',
  '5': 'MODAL_SUBMIT',
};

/** What a scheme's own profile adds to (or overrides in) the one derived from the registry. */
export type ProfileOverride = Omit<SchemeProfile, 'retentionMs'>;

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
    handshake: (payload) =>
      payloadType(payload) === 'url_verification'
        ? { status: 200, body: { challenge: field(payload, 'challenge') ?? '' } }
        : undefined,
  },
  shopify: {
    eventType: (_payload, headers) =>
      getHeader(headers, 'x-shopify-topic') ?? getHeader(headers, 'shopify-topic'),
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
    handshake: (payload) => {
      const isEvent = isDiscordWebhookEvent(payload);
      const type = member(payload, 'type');
      if (!isEvent && type === 1) return { status: 200, body: { type: 1 } };
      if (isEvent && type === 0) return { status: 204, body: undefined };
      return undefined;
    },
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
  };
}
