import { createIdSource, JSON_CONTENT_TYPE, type Sample, type SampleOptions, sampleTime } from './sample.js';

// Interactions as Discord posts them to an interactions endpoint (discord.com/developers/docs/
// interactions/receiving-and-responding). Ids are snowflakes: milliseconds since the Discord
// epoch (2015-01-01) shifted left by 22 bits, so they sort by time as real ones do.
const DISCORD_EPOCH = 1_420_070_400_000n;
const APPLICATION_ID = '1234567890123456789';

function snowflake(seconds: number, low: string): string {
  return String(((BigInt(seconds) * 1000n - DISCORD_EPOCH) << 22n) | (BigInt(low) & 0x3fffffn));
}

function base(options: SampleOptions) {
  const time = sampleTime(options);
  const seed = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(seed);
  const id = options.id ?? snowflake(time, ids.digits('low', 7));
  const user = {
    avatar: null,
    discriminator: '0',
    global_name: 'Jenny',
    id: snowflake(time - 86_400 * 400, ids.digits('user', 7)),
    public_flags: 0,
    username: 'jenny.rosen',
  };
  return { time, ids, id, user, token: `aW50ZXJhY3Rpb246${ids.alnum('token', 96)}` };
}

function sample(event: string, id: string, time: number, payload: unknown): Sample {
  return {
    provider: 'discord',
    event,
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: { 'User-Agent': 'Discord-Interactions/1.0 (+https://discord.com)' },
    timestamp: time,
  };
}

/** Discord `PING` (type 1), the check Discord sends when the endpoint URL is saved. */
export function ping(options: SampleOptions = {}): Sample {
  const { time, id, user, token } = base(options);
  const payload = {
    app_permissions: '562949953601536',
    application_id: APPLICATION_ID,
    authorizing_integration_owners: {},
    entitlements: [],
    id,
    token,
    type: 1,
    user,
    version: 1,
  };
  return sample('PING', id, time, payload);
}

/** Discord `APPLICATION_COMMAND` (type 2): `/blep animal:dog` run in a guild channel. */
export function applicationCommand(options: SampleOptions = {}): Sample {
  const { time, ids, id, user, token } = base(options);
  const guildId = snowflake(time - 86_400 * 900, ids.digits('guild', 7));
  const channelId = snowflake(time - 86_400 * 800, ids.digits('channel', 7));
  const payload = {
    app_permissions: '562949953601536',
    application_id: APPLICATION_ID,
    authorizing_integration_owners: { '0': guildId },
    channel: { flags: 0, guild_id: guildId, id: channelId, name: 'general', nsfw: false, type: 0 },
    channel_id: channelId,
    context: 0,
    data: {
      id: snowflake(time - 86_400 * 30, ids.digits('command', 7)),
      name: 'blep',
      options: [{ name: 'animal', type: 3, value: 'animal_dog' }],
      type: 1,
    },
    entitlements: [],
    guild: { features: [], id: guildId, locale: 'en-US' },
    guild_id: guildId,
    guild_locale: 'en-US',
    id,
    locale: 'en-US',
    member: {
      avatar: null,
      deaf: false,
      flags: 0,
      joined_at: new Date((time - 86_400 * 300) * 1000).toISOString(),
      mute: false,
      nick: null,
      pending: false,
      permissions: '2248473465835073',
      roles: [],
      user,
    },
    token,
    type: 2,
    version: 1,
  };
  return sample('APPLICATION_COMMAND', id, time, payload);
}

/** Discord samples, by the interaction type name a receiver routes them by. */
export const discordSamples = {
  PING: ping,
  APPLICATION_COMMAND: applicationCommand,
};
