import {
  createIdSource,
  FORM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  randomString,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// Slack's Events API posts JSON (docs.slack.dev "Events API": the event_callback wrapper);
// slash commands post a form (docs.slack.dev "Implementing slash commands"). Both are signed
// with the same v0 scheme over the raw body.
const UPPER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TEAM = 'T0123ABC456';
const APP = 'A0123ABC456';
const HEADERS = { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' };

/** Slack `event_callback` wrapping an `app_mention`. The id is the `event_id`. */
export function appMention(options: SampleOptions = {}): Sample {
  const id = options.id ?? `Ev${randomString(9, UPPER)}`;
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const ts = `${time}.${ids.digits('ts', 6)}`;
  const payload = {
    token: ids.alnum('token', 24),
    team_id: TEAM,
    context_team_id: TEAM,
    api_app_id: APP,
    event: {
      type: 'app_mention',
      user: 'U0123USER01',
      text: '<@U0123BOT01> what is the status of order #1042?',
      ts,
      team: TEAM,
      channel: 'C0123CHAN01',
      event_ts: ts,
      client_msg_id: ids.uuid('client-msg'),
    },
    type: 'event_callback',
    event_id: id,
    event_time: time,
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM,
        user_id: 'U0123BOT01',
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${ids.alnum('context', 40)}`,
  };
  return {
    provider: 'slack',
    event: 'app_mention',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: HEADERS,
    timestamp: time,
  };
}

/** A slash command (`/weather 94070`) as a form post. The id is the `trigger_id`. */
export function slashCommand(options: SampleOptions = {}): Sample {
  const time = sampleTime(options);
  const id =
    options.id ??
    `${time}${randomString(3, '0123456789')}.${randomString(11, '0123456789')}.${randomString(32, '0123456789abcdef')}`;
  const ids = createIdSource(id);
  const form = new URLSearchParams({
    token: ids.alnum('token', 24),
    team_id: TEAM,
    team_domain: 'example',
    channel_id: 'C0123CHAN01',
    channel_name: 'general',
    user_id: 'U0123USER01',
    user_name: 'jenny',
    command: '/weather',
    text: '94070',
    api_app_id: APP,
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${TEAM}/${ids.digits('response', 13)}/${ids.alnum('response-secret', 24)}`,
    trigger_id: id,
  });
  return {
    provider: 'slack',
    event: 'slash_command',
    id,
    body: form.toString(),
    contentType: FORM_CONTENT_TYPE,
    headers: HEADERS,
    timestamp: time,
  };
}

/** Slack samples, by the event type a receiver routes them by. */
export const slackSamples = {
  app_mention: appMention,
  slash_command: slashCommand,
};
