import { defineSample, uuid } from './define-sample.js';

// One documented event per sender whose handshake the receiver answers; payloads trimmed from
// each provider's webhook reference (the page in the registry's `docs`).

const metaChange = (object: string, field: string, value: unknown) =>
  defineSample(object === 'page' ? 'meta' : object === 'instagram' ? 'instagram' : 'whatsapp', {
    event: `${object}.${field}`,
    newId: (ids) => ids.digits('entry', 15),
    payload: ({ id, time }) => ({ object, entry: [{ id, time, changes: [{ field, value }] }] }),
  });

export const metaSamples = {
  // Graph API "Webhooks for Pages": a post on the Page's feed.
  'page.feed': metaChange('page', 'feed', { item: 'post', verb: 'add', message: 'Hello from the Page' }),
};

export const whatsappSamples = {
  // WhatsApp Cloud API "messages" webhook, a text message.
  'whatsapp_business_account.messages': metaChange('whatsapp_business_account', 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
    messages: [{ from: '16315551181', id: 'wamid.ABGGFlA5Fpa', type: 'text', text: { body: 'hello' } }],
  }),
};

export const instagramSamples = {
  'instagram.comments': metaChange('instagram', 'comments', { id: '17865799348089039', text: 'Nice post!' }),
};

export const dropboxSamples = {
  // "Receiving notifications": the accounts whose files changed, and nothing else.
  list_folder: defineSample('dropbox', {
    event: 'list_folder',
    newId: (ids) => `dbid:${ids.alnum('account', 32)}`,
    payload: ({ id, ids }) => ({
      list_folder: { accounts: [id] },
      delta: { users: [Number(ids.digits('user', 8))] },
    }),
  }),
};

export const asanaSamples = {
  // "Receiving events": a batch of compact events.
  events: defineSample('asana', {
    event: 'events',
    newId: (ids) => ids.digits('task', 16),
    payload: ({ id, ids, iso }) => ({
      events: [
        {
          action: 'changed',
          created_at: iso,
          resource: { gid: id, resource_type: 'task' },
          user: { gid: ids.digits('user', 16), resource_type: 'user' },
          change: { action: 'changed', field: 'completed' },
        },
      ],
    }),
  }),
};

export const twitterSamples = {
  // Account Activity API: a Post created by the subscribed user.
  tweet_create_events: defineSample('twitter', {
    event: 'tweet_create_events',
    newId: (ids) => ids.digits('tweet', 19),
    payload: ({ id, ids }) => ({
      for_user_id: ids.digits('user', 10),
      tweet_create_events: [
        { id_str: id, text: 'Hello from hookgate', user: { id_str: ids.digits('user', 10) } },
      ],
    }),
  }),
};

export const twitchSamples = {
  // EventSub "channel.follow" notification (the message id travels in a signed header).
  'channel.follow': defineSample('twitch', {
    event: 'channel.follow',
    newId: uuid,
    payload: ({ ids, iso }) => ({
      subscription: {
        id: ids.uuid('subscription'),
        type: 'channel.follow',
        version: '2',
        status: 'enabled',
        cost: 0,
        condition: { broadcaster_user_id: '1337', moderator_user_id: '1337' },
        transport: { method: 'webhook', callback: 'https://example.com/webhooks/callback' },
        created_at: iso,
      },
      event: {
        user_id: ids.digits('user', 4),
        user_login: 'awesome_user',
        user_name: 'Awesome_User',
        broadcaster_user_id: '1337',
        broadcaster_user_login: 'cooler_user',
        broadcaster_user_name: 'Cooler_User',
        followed_at: iso,
      },
    }),
  }),
};

export const zoomSamples = {
  // "meeting.started" event notification.
  'meeting.started': defineSample('zoom', {
    event: 'meeting.started',
    newId: (ids) => ids.digits('meeting', 11),
    payload: ({ id, ids, time, iso }) => ({
      event: 'meeting.started',
      event_ts: time * 1000,
      payload: {
        account_id: ids.alnum('account', 22),
        object: {
          id,
          uuid: `${ids.alnum('uuid', 22)}==`,
          host_id: ids.alnum('host', 22),
          topic: 'Stand-up',
          type: 2,
          start_time: iso,
        },
      },
    }),
  }),
};
