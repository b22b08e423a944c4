import type { SlackEvent } from '@slack/types';
import { type Catalogue, createCatalogue, createEnvelope } from './catalogue.js';
import { requireFields } from './fields.js';
import { slackEventNames } from './generated/slack-names.js';

/**
 * The `event_callback` envelope the Events API posts around each event
 * (docs.slack.dev/apis/events-api/#callback-field).
 */
export interface SlackEventCallback<TEvent> {
  type: 'event_callback';
  token: string;
  team_id: string;
  api_app_id: string;
  event: TEvent;
  event_id: string;
  event_time: number;
  event_context?: string | undefined;
  authorizations?: {
    enterprise_id: string | null;
    team_id: string | null;
    user_id: string;
    is_bot: boolean;
    is_enterprise_install?: boolean | undefined;
  }[];
  is_ext_shared_channel?: boolean | undefined;
  context_team_id?: string | null | undefined;
  context_enterprise_id?: string | null | undefined;
  enterprise_id?: string | undefined;
}

/** The payload of every Events API event type, in its envelope (`message` unites every subtype). */
export type SlackEventPayloads = { [E in SlackEvent as E['type']]: SlackEventCallback<E> };

/** The Slack catalogue's type. */
export type SlackEvents = Catalogue<SlackEventPayloads>;

// A Slack receiver routes by event.type and de-duplicates by event_id.
const FIELDS = [
  ['event_id', 'string'],
  ['event', 'object'],
  ['event.type', 'string'],
] as const;

const envelope = createEnvelope('hookgate/slack', (payload) => requireFields(payload, FIELDS));

/**
 * Every Slack Events API event of `@slack/types`, keyed by `event.type` as a Slack receiver routes
 * them, typed as the `event_callback` envelope around the event. Checks `event_id` and
 * `event.type`; the URL verification handshake is answered by the receiver before any handler.
 *
 * @example
 * ```ts
 * import { slackEvents } from '@hookgate/events/slack';
 * const receiver = createReceiver({ scheme: slack({ secret }), events: slackEvents });
 * receiver.on('app_mention', async ({ event }) => event.text);
 * ```
 */
export const slackEvents: SlackEvents = createCatalogue<SlackEventPayloads>(slackEventNames, envelope);
