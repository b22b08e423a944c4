import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  APIPingInteraction,
  APIWebhookEventBase,
  APIWebhookEventBody,
  ApplicationWebhookType,
} from 'discord-api-types/v10';
import { type Catalogue, createCatalogue, createEnvelope } from './catalogue.js';
import { requireFields } from './fields.js';
import { discordWebhookEventNames } from './generated/discord-names.js';

/** Webhook Events by `event.type`, each in the envelope Discord posts it in. */
export type DiscordWebhookEventPayloads = {
  [E in APIWebhookEventBody as `${E['type']}`]: APIWebhookEventBase<ApplicationWebhookType.Event, E>;
};

/** Interactions by the type name a Discord receiver routes them by. */
export interface DiscordInteractionPayloads {
  /** Answered by the receiver itself (PONG, or 204 for a Webhook Events ping). */
  PING: APIPingInteraction | APIWebhookEventBase<ApplicationWebhookType.Ping, undefined>;
  APPLICATION_COMMAND: APIApplicationCommandInteraction;
  MESSAGE_COMPONENT: APIMessageComponentInteraction;
  APPLICATION_COMMAND_AUTOCOMPLETE: APIApplicationCommandAutocompleteInteraction;
  MODAL_SUBMIT: APIModalSubmitInteraction;
}

/** Every payload a Discord receiver routes, typed from `discord-api-types` (v10). */
export type DiscordEventPayloads = DiscordWebhookEventPayloads & DiscordInteractionPayloads;

/** The Discord catalogue's type. */
export type DiscordEvents = Catalogue<DiscordEventPayloads>;

const INTERACTIONS = [
  'PING',
  'APPLICATION_COMMAND',
  'MESSAGE_COMPONENT',
  'APPLICATION_COMMAND_AUTOCOMPLETE',
  'MODAL_SUBMIT',
] as const satisfies readonly (keyof DiscordInteractionPayloads)[];

// Interactions carry a token and are de-duplicated by their id; Webhook Events carry neither
// and are routed by event.type (discord.com/developers/docs/events/webhook-events).
const INTERACTION_FIELDS = [
  ['id', 'string'],
  ['application_id', 'string'],
  ['type', 'number'],
] as const;
const EVENT_FIELDS = [
  ['application_id', 'string'],
  ['event', 'object'],
  ['event.type', 'string'],
] as const;

const envelope = createEnvelope('hookgate/discord', (payload) =>
  payload.token !== undefined || payload.event === undefined
    ? requireFields(payload, INTERACTION_FIELDS)
    : requireFields(payload, EVENT_FIELDS),
);

/**
 * Every Discord Webhook Event (`APPLICATION_AUTHORIZED`, `ENTITLEMENT_CREATE`, …) and interaction
 * (`APPLICATION_COMMAND`, `MESSAGE_COMPONENT`, …), keyed as a Discord receiver routes them and
 * typed from `discord-api-types`. Checks the ids and types routing and de-duplication use.
 *
 * @example
 * ```ts
 * import { discordEvents } from '@hookgate/events/discord';
 * const receiver = createReceiver({ scheme: discord({ publicKey }), events: discordEvents });
 * receiver.on('APPLICATION_COMMAND', async (interaction) => interaction.data.name);
 * ```
 */
export const discordEvents: DiscordEvents = createCatalogue<DiscordEventPayloads>(
  [...discordWebhookEventNames, ...INTERACTIONS],
  envelope,
);
