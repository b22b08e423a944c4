import { defineSample, uuid } from './define-sample.js';

// One documented event per F1 (body HMAC) provider, payloads trimmed from each provider's
// webhook reference (the page in the registry's `docs`). The id is where the registry says.

export const bitbucketSamples = {
  'repo:push': defineSample('bitbucket', {
    event: 'repo:push',
    newId: uuid,
    payload: ({ ids, iso }) => ({
      actor: { display_name: 'Ada Lovelace', type: 'user', uuid: `{${ids.uuid('actor')}}` },
      repository: { full_name: 'team/hello-world', type: 'repository', uuid: `{${ids.uuid('repo')}}` },
      push: {
        changes: [
          { new: { type: 'branch', name: 'main', target: { hash: ids.hex('hash', 40), date: iso } } },
        ],
      },
    }),
  }),
};

export const giteaSamples = {
  push: defineSample('gitea', {
    event: 'push',
    newId: uuid,
    payload: ({ ids, iso }) => ({
      ref: 'refs/heads/main',
      before: ids.hex('before', 40),
      after: ids.hex('after', 40),
      commits: [{ id: ids.hex('after', 40), message: 'Fix the webhook handler\n', timestamp: iso }],
      repository: { id: Number(ids.digits('repo', 4)), full_name: 'gitea/webhooks' },
      pusher: { id: 1, login: 'gitea' },
    }),
  }),
};

export const vercelSamples = {
  'deployment.succeeded': defineSample('vercel', {
    event: 'deployment.succeeded',
    newId: (ids) => ids.alnum('event', 24),
    payload: ({ id, ids, time }) => ({
      id,
      type: 'deployment.succeeded',
      createdAt: time * 1000,
      region: 'iad1',
      payload: {
        deployment: { id: `dpl_${ids.alnum('dpl', 24)}`, name: 'my-app', url: 'my-app-abc123.vercel.app' },
        project: { id: `prj_${ids.alnum('prj', 24)}` },
        target: 'production',
      },
    }),
  }),
};

export const herokuSamples = {
  release: defineSample('heroku', {
    event: 'release',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      id,
      action: 'create',
      resource: 'release',
      created_at: iso,
      data: { id: ids.uuid('release'), version: 42, status: 'succeeded', app: { name: 'example-app' } },
      webhook_metadata: { attempt: { id: ids.uuid('attempt') }, event: { id, include: 'api:release' } },
    }),
  }),
};

export const sentrySamples = {
  issue: defineSample('sentry', {
    event: 'issue',
    newId: uuid,
    payload: ({ ids, iso }) => ({
      action: 'created',
      installation: { uuid: ids.uuid('installation') },
      data: { issue: { id: ids.digits('issue', 10), title: 'TypeError: x is undefined', firstSeen: iso } },
      actor: { type: 'application', id: 'sentry', name: 'Sentry' },
    }),
  }),
};

export const dopplerSamples = {
  'config.secrets.update': defineSample('doppler', {
    event: 'config.secrets.update',
    newId: uuid,
    payload: ({ id }) => ({
      type: 'config.secrets.update',
      config: { name: 'prd', environment: 'prd', root: true },
      project: { id, name: 'backend' },
      workplace: { id: 'wp_1', name: 'Example Inc' },
    }),
  }),
};

export const lemonSqueezySamples = {
  order_created: defineSample('lemon-squeezy', {
    event: 'order_created',
    newId: (ids) => ids.digits('order', 7),
    payload: ({ id, iso }) => ({
      meta: { event_name: 'order_created', custom_data: null },
      data: {
        type: 'orders',
        id,
        attributes: { store_id: 1, status: 'paid', total: 999, currency: 'USD', created_at: iso },
      },
    }),
  }),
};

export const razorpaySamples = {
  'payment.captured': defineSample('razorpay', {
    event: 'payment.captured',
    newId: (ids) => ids.alnum('event', 14),
    payload: ({ ids, time }) => ({
      entity: 'event',
      account_id: `acc_${ids.alnum('account', 14)}`,
      event: 'payment.captured',
      contains: ['payment'],
      payload: {
        payment: {
          entity: { id: `pay_${ids.alnum('pay', 14)}`, amount: 50000, currency: 'INR', status: 'captured' },
        },
      },
      created_at: time,
    }),
  }),
};

export const wooCommerceSamples = {
  'order.created': defineSample('woocommerce', {
    event: 'order.created',
    newId: (ids) => ids.digits('delivery', 6),
    payload: ({ ids, iso }) => ({
      id: Number(ids.digits('order', 4)),
      status: 'processing',
      currency: 'USD',
      total: '29.35',
      date_created: iso.slice(0, 19),
      billing: { first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com' },
      line_items: [{ id: 1, name: 'Woo Single #1', quantity: 2, total: '6.00' }],
    }),
  }),
};

export const calComSamples = {
  BOOKING_CREATED: defineSample('cal-com', {
    event: 'BOOKING_CREATED',
    newId: uuid,
    payload: ({ id, iso }) => ({
      triggerEvent: 'BOOKING_CREATED',
      createdAt: iso,
      payload: {
        uid: id,
        title: '30 min meeting',
        startTime: iso,
        organizer: { name: 'Ada', email: 'ada@example.com' },
      },
    }),
  }),
};

export const intercomSamples = {
  'conversation.user.created': defineSample('intercom', {
    event: 'conversation.user.created',
    newId: (ids) => `notif_${ids.uuid('notif')}`,
    payload: ({ id, ids, time }) => ({
      type: 'notification_event',
      app_id: ids.alnum('app', 8).toLowerCase(),
      id,
      topic: 'conversation.user.created',
      created_at: time,
      data: { type: 'notification_event_data', item: { type: 'conversation', id: ids.digits('conv', 12) } },
    }),
  }),
};

export const typeformSamples = {
  form_response: defineSample('typeform', {
    event: 'form_response',
    newId: (ids) => ids.alnum('event', 26).toUpperCase(),
    payload: ({ id, ids, iso }) => ({
      event_id: id,
      event_type: 'form_response',
      form_response: {
        form_id: ids.alnum('form', 6),
        token: ids.alnum('token', 32).toLowerCase(),
        submitted_at: iso.replace('.000', ''),
        answers: [{ type: 'text', text: 'Lian', field: { id: 'JwWggjAKtOkA', type: 'short_text' } }],
      },
    }),
  }),
};

export const segmentSamples = {
  track: defineSample('segment', {
    event: 'track',
    newId: uuid,
    payload: ({ id, iso }) => ({
      type: 'track',
      event: 'Order Completed',
      messageId: id,
      userId: 'user-42',
      timestamp: iso,
      properties: { revenue: 25, currency: 'USD' },
    }),
  }),
};

export const lineSamples = {
  message: defineSample('line', {
    event: 'message',
    newId: (ids) => ids.alnum('event', 26).toUpperCase(),
    payload: ({ id, ids, time }) => ({
      destination: `U${ids.hex('bot', 32)}`,
      events: [
        {
          type: 'message',
          message: { type: 'text', id: ids.digits('message', 18), text: 'Hello, world' },
          webhookEventId: id,
          deliveryContext: { isRedelivery: false },
          timestamp: time * 1000,
          source: { type: 'user', userId: `U${ids.hex('user', 32)}` },
          replyToken: ids.hex('reply', 32),
          mode: 'active',
        },
      ],
    }),
  }),
};

export const docusignSamples = {
  'envelope-completed': defineSample('docusign', {
    event: 'envelope-completed',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      event: 'envelope-completed',
      apiVersion: 'v2.1',
      uri: `/restapi/v2.1/accounts/${ids.uuid('account')}/envelopes/${id}`,
      retryCount: 0,
      generatedDateTime: iso,
      data: { accountId: ids.uuid('account'), envelopeId: id },
    }),
  }),
};

export const airtableSamples = {
  event: defineSample('airtable', {
    event: 'event',
    newId: (ids) => `ach${ids.alnum('webhook', 14)}`,
    payload: ({ id, ids, iso }) => ({
      base: { id: `app${ids.alnum('base', 14)}` },
      webhook: { id },
      timestamp: iso,
    }),
  }),
};

export const paystackSamples = {
  'charge.success': defineSample('paystack', {
    event: 'charge.success',
    newId: (ids) => ids.digits('charge', 9),
    payload: ({ id, ids, iso }) => ({
      event: 'charge.success',
      data: {
        id: Number(id),
        domain: 'test',
        status: 'success',
        reference: ids.alnum('reference', 10).toLowerCase(),
        amount: 50000,
        currency: 'NGN',
        paid_at: iso,
        customer: { email: 'customer@example.com' },
      },
    }),
  }),
};

export const coinbaseCommerceSamples = {
  'charge:confirmed': defineSample('coinbase-commerce', {
    event: 'charge:confirmed',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      id: Number(ids.digits('attempt', 6)),
      scheduled_for: iso,
      event: {
        id,
        type: 'charge:confirmed',
        api_version: '2018-03-22',
        created_at: iso,
        data: {
          code: ids.alnum('code', 8).toUpperCase(),
          name: 'The Sovereign Individual',
          pricing_type: 'fixed_price',
        },
      },
    }),
  }),
};

export const checkoutComSamples = {
  payment_approved: defineSample('checkout-com', {
    event: 'payment_approved',
    newId: (ids) => `evt_${ids.alnum('event', 26).toLowerCase()}`,
    payload: ({ id, ids, iso }) => ({
      id,
      type: 'payment_approved',
      version: '1.0.33',
      created_on: iso,
      data: {
        id: `pay_${ids.alnum('pay', 26).toLowerCase()}`,
        amount: 6540,
        currency: 'GBP',
        response_code: '10000',
      },
    }),
  }),
};

export const alchemySamples = {
  ADDRESS_ACTIVITY: defineSample('alchemy', {
    event: 'ADDRESS_ACTIVITY',
    newId: (ids) => `whevt_${ids.alnum('event', 16).toLowerCase()}`,
    payload: ({ id, ids, iso }) => ({
      webhookId: `wh_${ids.alnum('webhook', 16).toLowerCase()}`,
      id,
      createdAt: iso,
      type: 'ADDRESS_ACTIVITY',
      event: {
        network: 'ETH_MAINNET',
        activity: [
          {
            fromAddress: `0x${ids.hex('from', 40)}`,
            toAddress: `0x${ids.hex('to', 40)}`,
            value: 0.1,
            asset: 'ETH',
          },
        ],
      },
    }),
  }),
};

export const pagerdutySamples = {
  'incident.triggered': defineSample('pagerduty', {
    event: 'incident.triggered',
    newId: (ids) => ids.alnum('event', 26).toUpperCase(),
    payload: ({ id, ids, iso }) => ({
      event: {
        id,
        event_type: 'incident.triggered',
        resource_type: 'incident',
        occurred_at: iso,
        data: {
          id: ids.alnum('incident', 14).toUpperCase(),
          type: 'incident',
          title: 'Disk almost full',
          status: 'triggered',
        },
      },
    }),
  }),
};

export const microsoftTeamsSamples = {
  message: defineSample('microsoft-teams', {
    event: 'message',
    newId: (ids) => ids.digits('message', 13),
    payload: ({ id, ids, iso }) => ({
      type: 'message',
      id,
      timestamp: iso,
      text: '<at>Helper</at> status',
      from: { id: `29:${ids.alnum('user', 20)}`, name: 'Ada Lovelace' },
      conversation: { id: `19:${ids.alnum('conversation', 20)}@thread.skype` },
    }),
  }),
};

export const fourthwallSamples = {
  ORDER_PLACED: defineSample('fourthwall', {
    event: 'ORDER_PLACED',
    newId: (ids) => `weve_${ids.alnum('event', 20)}`,
    payload: ({ id, ids, iso }) => ({
      id,
      webhookId: `wcon_${ids.alnum('webhook', 20)}`,
      shopId: `sh_${ids.uuid('shop')}`,
      type: 'ORDER_PLACED',
      apiVersion: 'V1',
      createdAt: iso,
      data: {
        id: ids.uuid('order'),
        status: 'CONFIRMED',
        amounts: { total: { value: 25, currency: 'USD' } },
      },
    }),
  }),
};

export const clickUpSamples = {
  taskCreated: defineSample('clickup', {
    event: 'taskCreated',
    newId: uuid,
    payload: ({ id, ids }) => ({
      event: 'taskCreated',
      history_items: [{ id: ids.digits('history', 19), type: 1, field: 'status' }],
      task_id: ids.alnum('task', 7).toLowerCase(),
      webhook_id: id,
    }),
  }),
};

export const xeroSamples = {
  UPDATE: defineSample('xero', {
    event: 'UPDATE',
    newId: uuid,
    payload: ({ id, ids, iso }) => ({
      events: [
        {
          resourceUrl: `https://api.xero.com/api.xro/2.0/Contacts/${ids.uuid('contact')}`,
          resourceId: ids.uuid('contact'),
          eventDateUtc: iso,
          eventType: 'UPDATE',
          eventCategory: 'CONTACT',
          tenantId: ids.uuid('tenant'),
          tenantType: 'ORGANISATION',
        },
      ],
      firstEventSequence: 1,
      lastEventSequence: 1,
      entropy: id.replaceAll('-', '').slice(0, 20).toUpperCase(),
    }),
  }),
};

export const goCardlessSamples = {
  payments: defineSample('gocardless', {
    event: 'payments',
    newId: (ids) => `EV${ids.alnum('event', 12).toUpperCase()}`,
    payload: ({ id, ids, iso }) => ({
      events: [
        {
          id,
          created_at: iso,
          resource_type: 'payments',
          action: 'confirmed',
          links: { payment: `PM${ids.alnum('payment', 12).toUpperCase()}` },
          details: {
            origin: 'gocardless',
            cause: 'payment_confirmed',
            description: 'Payment was confirmed as collected',
          },
        },
      ],
    }),
  }),
};

export const hookdeckSamples = {
  event: defineSample('hookdeck', {
    event: 'event',
    newId: (ids) => `evt_${ids.alnum('event', 22)}`,
    payload: ({ id, time }) => ({ id, type: 'order.created', created: time, data: { amount: 1000 } }),
  }),
};
