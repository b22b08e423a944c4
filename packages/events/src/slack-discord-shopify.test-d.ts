import { createReceiver } from '@hookgate/core';
import { discord, shopify, slack } from '@hookgate/signatures';
import type { AppMentionEvent, SlackEvent } from '@slack/types';
import type { APIApplicationCommandInteraction, APIEntitlement } from 'discord-api-types/v10';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type DiscordInteractionPayloads, discordEvents } from './discord.js';
import type { discordWebhookEventNames } from './generated/discord-names.js';
import type { slackEventNames } from './generated/slack-names.js';
import { shopifyEvents } from './shopify.js';
import { slackEvents } from './slack.js';

describe('slackEvents', () => {
  const receiver = createReceiver({ scheme: slack({ secret: 'x' }), events: slackEvents });
  it('types the event inside its envelope', () => {
    receiver.on('app_mention', (payload) => {
      expectTypeOf(payload.event).toEqualTypeOf<AppMentionEvent>();
      expectTypeOf(payload.event_id).toEqualTypeOf<string>();
    });
    // @ts-expect-error no such Slack event
    receiver.on('app_teleported', () => {});
  });
  it('lists every SlackEvent type at run time', () => {
    expectTypeOf<(typeof slackEventNames)[number]>().toEqualTypeOf<SlackEvent['type']>();
  });
});

describe('discordEvents', () => {
  const receiver = createReceiver({ scheme: discord({ publicKey: '00'.repeat(32) }), events: discordEvents });
  it('types interactions and Webhook Events', () => {
    receiver.on('APPLICATION_COMMAND', (interaction) =>
      expectTypeOf(interaction).toEqualTypeOf<APIApplicationCommandInteraction>(),
    );
    receiver.on('ENTITLEMENT_CREATE', (payload) =>
      expectTypeOf(payload.event.data).toEqualTypeOf<APIEntitlement>(),
    );
    // @ts-expect-error no such Discord event
    receiver.on('GUILD_TELEPORT', () => {});
  });
  it('lists every Webhook Event type at run time', () => {
    expectTypeOf<(typeof discordWebhookEventNames)[number]>().toEqualTypeOf<
      Exclude<keyof typeof discordEvents, keyof DiscordInteractionPayloads>
    >();
  });
});

describe('shopifyEvents', () => {
  const receiver = createReceiver({ scheme: shopify({ secret: 'x' }), events: shopifyEvents });
  it('types compliance topics and the resource of the others', () => {
    receiver.on('shop/redact', (event) => expectTypeOf(event.shop_domain).toEqualTypeOf<string>());
    receiver.on('orders/create', (event) => expectTypeOf(event.id).toEqualTypeOf<number>());
    // @ts-expect-error not a catalogued topic
    receiver.on('orders/teleported', () => {});
  });
  it('takes a schema for another topic', () => {
    const events = {
      ...shopifyEvents,
      'orders/create': z.object({ id: z.number(), total_price: z.string() }),
    };
    createReceiver({ scheme: shopify({ secret: 'x' }), events }).on('orders/create', (event) =>
      expectTypeOf(event.total_price).toEqualTypeOf<string>(),
    );
  });
});
