import { defineSample, uuid } from './define-sample.js';

// One documented event per sender with a shared token, a JWT, a signature inside the body or
// a public key; payloads trimmed from each provider's webhook reference (registry `docs`).

export const gitlabSamples = {
  push: defineSample('gitlab', {
    event: 'push',
    newId: uuid,
    payload: ({ ids }) => ({
      object_kind: 'push',
      event_name: 'push',
      before: ids.hex('before', 40),
      after: ids.hex('after', 40),
      ref: 'refs/heads/main',
      user_username: 'jsmith',
      project: { id: 15, path_with_namespace: 'mike/diaspora' },
      total_commits_count: 1,
    }),
  }),
};

export const telegramSamples = {
  message: defineSample('telegram', {
    event: 'message',
    newId: (ids) => ids.digits('update', 9),
    payload: ({ id, ids, time }) => ({
      update_id: Number(id),
      message: {
        message_id: Number(ids.digits('message', 4)),
        from: { id: Number(ids.digits('user', 9)), is_bot: false, first_name: 'Ada' },
        chat: { id: Number(ids.digits('user', 9)), type: 'private', first_name: 'Ada' },
        date: time,
        text: '/start',
      },
    }),
  }),
};

export const postmarkSamples = {
  Delivery: defineSample('postmark', {
    event: 'Delivery',
    newId: uuid,
    payload: ({ id, iso }) => ({
      RecordType: 'Delivery',
      ServerID: 23,
      MessageStream: 'outbound',
      MessageID: id,
      Recipient: 'john@example.com',
      DeliveredAt: iso,
      Details: 'Test delivery webhook details',
    }),
  }),
};

export const chargebeeSamples = {
  subscription_created: defineSample('chargebee', {
    event: 'subscription_created',
    newId: (ids) => `ev_${ids.alnum('event', 17)}`,
    payload: ({ id, ids, time }) => ({
      id,
      occurred_at: time,
      source: 'admin_console',
      object: 'event',
      api_version: 'v2',
      event_type: 'subscription_created',
      content: {
        subscription: { id: ids.alnum('sub', 17), customer_id: ids.alnum('cus', 17), status: 'active' },
      },
    }),
  }),
};

export const deepgramSamples = {
  event: defineSample('deepgram', {
    event: 'event',
    newId: uuid,
    payload: ({ id, iso }) => ({
      metadata: { request_id: id, created: iso, duration: 25.9, channels: 1 },
      results: { channels: [{ alternatives: [{ transcript: 'hello world', confidence: 0.99 }] }] },
    }),
  }),
};

export const revenuecatSamples = {
  INITIAL_PURCHASE: defineSample('revenuecat', {
    event: 'INITIAL_PURCHASE',
    newId: (ids) => ids.uuid('event').toUpperCase(),
    payload: ({ id, ids, time }) => ({
      api_version: '1.0',
      event: {
        id,
        type: 'INITIAL_PURCHASE',
        app_user_id: ids.alnum('user', 16),
        product_id: 'monthly_sub',
        event_timestamp_ms: time * 1000,
        store: 'APP_STORE',
        environment: 'SANDBOX',
      },
    }),
  }),
};

export const auth0Samples = {
  event: defineSample('auth0', {
    event: 'event',
    newId: (ids) => ids.digits('log', 56),
    payload: ({ id, iso }) => [
      { log_id: id, data: { date: iso, type: 's', description: 'Success Login', client_name: 'My App' } },
    ],
  }),
};

export const oktaSamples = {
  'com.okta.event_hook': defineSample('okta', {
    event: 'com.okta.event_hook',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: `https://example.okta.com/api/v1/eventHooks/${ids.alnum('hook', 20)}`,
      eventId: id,
      eventTime: iso,
      contentType: 'application/json',
      data: { events: [{ eventType: 'user.lifecycle.create', uuid: ids.uuid('event') }] },
    }),
  }),
};

export const netlifySamples = {
  'deploy.ready': defineSample('netlify', {
    event: 'deploy.ready',
    newId: (ids) => ids.hex('deploy', 24),
    payload: ({ id, ids, iso }) => ({
      id,
      site_id: ids.uuid('site'),
      build_id: ids.hex('build', 24),
      state: 'ready',
      name: 'www-example',
      url: 'https://www.example.com',
      branch: 'main',
      context: 'production',
      created_at: iso,
    }),
  }),
};

export const vonageSamples = {
  'message.status': defineSample('vonage', {
    event: 'message.status',
    newId: uuid,
    payload: ({ id, iso }) => ({
      message_uuid: id,
      to: '447700900000',
      from: '447700900001',
      timestamp: iso,
      status: 'delivered',
      channel: 'sms',
    }),
  }),
};

export const mailgunSamples = {
  // The signature object is written by the scheme's signBody; its token is the delivery id.
  delivered: defineSample('mailgun', {
    event: 'delivered',
    newId: (ids) => ids.hex('token', 50),
    payload: ({ id, ids, time }) => ({
      signature: { token: id, timestamp: String(time), signature: '' },
      'event-data': {
        event: 'delivered',
        id: ids.alnum('event', 22),
        timestamp: time,
        recipient: 'alice@example.com',
        message: { headers: { 'message-id': `${ids.digits('msg', 14)}.1@example.com` } },
      },
    }),
  }),
};

export const adyenSamples = {
  // The item's hmacSignature is written by the scheme's signBody.
  AUTHORISATION: defineSample('adyen', {
    event: 'AUTHORISATION',
    newId: (ids) => ids.digits('psp', 16),
    payload: ({ id, ids, iso }) => ({
      live: 'false',
      notificationItems: [
        {
          NotificationRequestItem: {
            additionalData: {},
            amount: { currency: 'EUR', value: 1130 },
            eventCode: 'AUTHORISATION',
            eventDate: iso,
            merchantAccountCode: 'TestMerchant',
            merchantReference: `order-${ids.digits('order', 6)}`,
            pspReference: id,
            success: 'true',
          },
        },
      ],
    }),
  }),
};

export const kickSamples = {
  'channel.followed': defineSample('kick', {
    event: 'channel.followed',
    newId: (ids) => `01${ids.alnum('ulid', 24).toUpperCase()}`,
    payload: ({ ids }) => ({
      broadcaster: { user_id: 123456789, username: 'broadcaster_name', is_verified: true },
      follower: { user_id: Number(ids.digits('user', 9)), username: 'follower_name', is_verified: false },
    }),
  }),
};

export const telnyxSamples = {
  'message.received': defineSample('telnyx', {
    event: 'message.received',
    newId: uuid,
    payload: ({ id, iso }) => ({
      data: {
        event_type: 'message.received',
        id,
        occurred_at: iso,
        payload: {
          direction: 'inbound',
          text: 'Hello',
          from: { phone_number: '+13125550001' },
          to: [{ phone_number: '+17735550002' }],
        },
        record_type: 'event',
      },
      meta: { attempt: 1, delivered_to: 'https://example.com/webhooks' },
    }),
  }),
};

export const wiseSamples = {
  'transfers#state-change': defineSample('wise', {
    event: 'transfers#state-change',
    newId: uuid,
    payload: ({ ids, iso }) => ({
      data: {
        resource: {
          type: 'transfer',
          id: Number(ids.digits('transfer', 9)),
          profile_id: 222,
          account_id: 333,
        },
        current_state: 'processing',
        previous_state: 'incoming_payment_waiting',
        occurred_at: iso,
      },
      subscription_id: ids.uuid('subscription'),
      event_type: 'transfers#state-change',
      schema_version: '2.0.0',
      sent_at: iso,
    }),
  }),
};
