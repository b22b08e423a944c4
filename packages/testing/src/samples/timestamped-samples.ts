import { defineSample, uuid } from './define-sample.js';

// One documented event per F2-F4/F6 provider and per Standard Webhooks sender, payloads
// trimmed from each provider's webhook reference (the registry's `docs`).

export const muxSamples = {
  'video.asset.ready': defineSample('mux', {
    event: 'video.asset.ready',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      type: 'video.asset.ready',
      id,
      created_at: iso,
      object: { type: 'asset', id: ids.alnum('asset', 24) },
      data: { id: ids.alnum('asset', 24), status: 'ready', duration: 23.8 },
      environment: { name: 'Production', id: ids.alnum('env', 6).toLowerCase() },
    }),
  }),
};

export const calendlySamples = {
  'invitee.created': defineSample('calendly', {
    event: 'invitee.created',
    newId: uuid,
    payload: ({ id, iso }) => ({
      event: 'invitee.created',
      created_at: iso,
      created_by: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA',
      payload: {
        uri: `https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/${id}`,
        email: 'test@example.com',
        name: 'John Doe',
        status: 'active',
      },
    }),
  }),
};

export const workosSamples = {
  'dsync.user.created': defineSample('workos', {
    event: 'dsync.user.created',
    newId: (ids) => `event_${ids.alnum('event', 26).toUpperCase()}`,
    payload: ({ id, ids, iso }) => ({
      id,
      event: 'dsync.user.created',
      created_at: iso,
      data: {
        id: `directory_user_${ids.alnum('user', 26).toUpperCase()}`,
        email: 'veda@example.com',
        state: 'active',
      },
    }),
  }),
};

export const elevenLabsSamples = {
  post_call_transcription: defineSample('elevenlabs', {
    event: 'post_call_transcription',
    newId: (ids) => `conv_${ids.alnum('conversation', 24).toLowerCase()}`,
    payload: ({ id, ids, time }) => ({
      type: 'post_call_transcription',
      event_timestamp: time,
      data: { agent_id: ids.alnum('agent', 20), conversation_id: id, status: 'done', transcript: [] },
    }),
  }),
};

export const sanitySamples = {
  create: defineSample('sanity', {
    event: 'create',
    newId: (ids) => `${ids.uuid('transaction')}`,
    payload: ({ ids, iso }) => ({
      _id: ids.uuid('doc'),
      _type: 'post',
      _createdAt: iso,
      title: 'Hello, world',
    }),
  }),
};

export const customerIoSamples = {
  delivered: defineSample('customer-io', {
    event: 'delivered',
    newId: (ids) => ids.alnum('event', 26).toUpperCase(),
    payload: ({ id, ids, time }) => ({
      event_id: id,
      object_type: 'email',
      metric: 'delivered',
      timestamp: time,
      data: {
        customer_id: '42',
        delivery_id: ids.alnum('delivery', 22),
        identifiers: { id: '42' },
        recipient: 'test@example.com',
      },
    }),
  }),
};

export const webflowSamples = {
  form_submission: defineSample('webflow', {
    event: 'form_submission',
    newId: (ids) => ids.hex('submission', 24),
    payload: ({ id, ids, iso }) => ({
      triggerType: 'form_submission',
      payload: {
        name: 'Contact Us',
        siteId: ids.hex('site', 24),
        data: { 'First Name': 'Zaphod', Email: 'zaphod@heartofgold.ai' },
        submittedAt: iso,
        id,
        formId: ids.hex('form', 24),
      },
    }),
  }),
};

export const zendeskSamples = {
  'zen:event-type:ticket.created': defineSample('zendesk', {
    event: 'zen:event-type:ticket.created',
    newId: (ids) => ids.digits('invocation', 11),
    payload: ({ ids, iso }) => ({
      type: 'zen:event-type:ticket.created',
      account_id: Number(ids.digits('account', 8)),
      id: ids.uuid('event'),
      time: iso,
      zendesk_event_version: '2022-11-06',
      subject: `zen:ticket:${ids.digits('ticket', 4)}`,
      detail: { id: ids.digits('ticket', 4), subject: 'Printer on fire', status: 'NEW' },
      event: {},
    }),
  }),
};

export const boxSamples = {
  'FILE.UPLOADED': defineSample('box', {
    event: 'FILE.UPLOADED',
    newId: (ids) => ids.hex('delivery', 32),
    payload: ({ ids, iso }) => ({
      type: 'webhook_event',
      id: ids.uuid('event'),
      created_at: iso,
      trigger: 'FILE.UPLOADED',
      webhook: { id: ids.digits('webhook', 8), type: 'webhook' },
      source: { id: ids.digits('file', 11), type: 'file', name: 'report.pdf' },
    }),
  }),
};

export const hubspotSamples = {
  'contact.creation': defineSample('hubspot', {
    event: 'contact.creation',
    newId: (ids) => ids.digits('event', 10),
    payload: ({ id, ids, time }) => [
      {
        eventId: Number(id),
        subscriptionId: Number(ids.digits('subscription', 6)),
        portalId: Number(ids.digits('portal', 8)),
        appId: Number(ids.digits('app', 7)),
        occurredAt: time * 1000,
        subscriptionType: 'contact.creation',
        attemptNumber: 0,
        objectId: Number(ids.digits('object', 9)),
        changeFlag: 'NEW',
        changeSource: 'CRM',
      },
    ],
  }),
};

export const trelloSamples = {
  createCard: defineSample('trello', {
    event: 'createCard',
    newId: (ids) => ids.hex('action', 24),
    payload: ({ id, ids, iso }) => ({
      action: {
        id,
        idMemberCreator: ids.hex('member', 24),
        type: 'createCard',
        date: iso,
        data: {
          card: { id: ids.hex('card', 24), name: 'Ship it' },
          board: { id: ids.hex('board', 24), name: 'Roadmap' },
        },
      },
      model: { id: ids.hex('board', 24), name: 'Roadmap' },
    }),
  }),
};

const msgId = (ids: Parameters<typeof uuid>[0]) => `msg_${ids.alnum('msg', 27)}`;

export const clerkSamples = {
  'user.created': defineSample('clerk', {
    event: 'user.created',
    newId: msgId,
    payload: ({ ids, time }) => ({
      data: { id: `user_${ids.alnum('user', 27)}`, first_name: 'Example', email_addresses: [] },
      object: 'event',
      type: 'user.created',
      timestamp: time * 1000,
    }),
  }),
};

export const resendSamples = {
  'email.sent': defineSample('resend', {
    event: 'email.sent',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      type: 'email.sent',
      created_at: iso,
      data: {
        email_id: ids.uuid('email'),
        from: 'Acme <onboarding@resend.dev>',
        to: ['delivered@resend.dev'],
        subject: 'Hello',
      },
    }),
  }),
};

export const openaiSamples = {
  'response.completed': defineSample('openai', {
    event: 'response.completed',
    newId: (ids) => `wh_${ids.alnum('wh', 32).toLowerCase()}`,
    payload: ({ id, ids, time }) => ({
      object: 'event',
      id: `evt_${id.slice(3)}`,
      type: 'response.completed',
      created_at: time,
      data: { id: `resp_${ids.alnum('resp', 32).toLowerCase()}` },
    }),
  }),
};

export const replicateSamples = {
  succeeded: defineSample('replicate', {
    event: 'succeeded',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      id: ids.alnum('prediction', 26).toLowerCase(),
      version: ids.hex('version', 64),
      status: 'succeeded',
      input: { prompt: 'an astronaut riding a horse' },
      output: ['https://replicate.delivery/pbxt/out-0.png'],
      created_at: iso,
      completed_at: iso,
    }),
  }),
};

export const polarSamples = {
  'order.created': defineSample('polar', {
    event: 'order.created',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      type: 'order.created',
      timestamp: iso,
      data: { id: ids.uuid('order'), amount: 1000, currency: 'usd', billing_reason: 'purchase' },
    }),
  }),
};

export const dodoPaymentsSamples = {
  'payment.succeeded': defineSample('dodo-payments', {
    event: 'payment.succeeded',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      business_id: `bus_${ids.alnum('business', 20)}`,
      type: 'payment.succeeded',
      timestamp: iso,
      data: {
        payload_type: 'Payment',
        payment_id: `pay_${ids.alnum('pay', 20)}`,
        total_amount: 1000,
        currency: 'USD',
      },
    }),
  }),
};

export const renderSamples = {
  deploy_ended: defineSample('render', {
    event: 'deploy_ended',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      type: 'deploy_ended',
      timestamp: iso,
      data: {
        id: `evj-${ids.alnum('event', 20).toLowerCase()}`,
        serviceId: `srv-${ids.alnum('srv', 20).toLowerCase()}`,
        status: 2,
      },
    }),
  }),
};

export const stytchSamples = {
  CREATE: defineSample('stytch', {
    event: 'CREATE',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      action: 'CREATE',
      object_type: 'user',
      source: 'DIRECT',
      id: `event-live-${ids.uuid('event')}`,
      timestamp: iso,
      user: { user_id: `user-live-${ids.uuid('user')}`, status: 'active' },
    }),
  }),
};

export const brexSamples = {
  EXPENSE_PAYMENT_UPDATED: defineSample('brex', {
    event: 'EXPENSE_PAYMENT_UPDATED',
    newId: msgId,
    payload: ({ ids }) => ({
      event_type: 'EXPENSE_PAYMENT_UPDATED',
      expense_id: `expense_${ids.alnum('expense', 20).toLowerCase()}`,
      payment_status: 'CLEARED',
      company_id: `cuacc_${ids.alnum('company', 20).toLowerCase()}`,
    }),
  }),
};

export const lithicSamples = {
  'card.created': defineSample('lithic', {
    event: 'card.created',
    newId: msgId,
    payload: ({ ids, iso }) => ({ event_type: 'card.created', card_token: ids.uuid('card'), created: iso }),
  }),
};

export const beehiivSamples = {
  'post.sent': defineSample('beehiiv', {
    event: 'post.sent',
    newId: msgId,
    payload: ({ ids, time }) => ({
      event_type: 'post.sent',
      uid: ids.uuid('event'),
      data: { id: `post_${ids.uuid('post')}`, title: 'Weekly digest', publish_date: time },
    }),
  }),
};

export const incidentIoSamples = {
  'public_incident.incident_created_v2': defineSample('incident-io', {
    event: 'public_incident.incident_created_v2',
    newId: msgId,
    payload: ({ ids, iso }) => ({
      event_type: 'public_incident.incident_created_v2',
      'public_incident.incident_created_v2': {
        id: ids.alnum('incident', 26).toUpperCase(),
        name: 'Our database is sad',
        reference: 'INC-123',
        created_at: iso,
      },
    }),
  }),
};

export const supabaseAuthHooksSamples = {
  event: defineSample('supabase-auth-hooks', {
    event: 'event',
    newId: msgId,
    payload: ({ ids }) => ({
      user_id: ids.uuid('user'),
      claims: { aud: 'authenticated', role: 'authenticated', aal: 'aal1' },
      authentication_method: 'password',
    }),
  }),
};

export const mandrillSamples = {
  event: defineSample('mandrill', {
    event: 'event',
    newId: (ids) => ids.hex('message', 32),
    form: true,
    payload: ({ id, time }) => ({
      mandrill_events: JSON.stringify([
        {
          event: 'send',
          _id: id,
          ts: time,
          msg: { ts: time, subject: 'Welcome', email: 'recipient@example.com', state: 'sent', _id: id },
        },
      ]),
    }),
  }),
};
