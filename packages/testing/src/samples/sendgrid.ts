import { createIdSource, JSON_CONTENT_TYPE, type Sample, type SampleOptions, sampleTime } from './sample.js';

// A SendGrid Event Webhook POST (twilio.com/docs/sendgrid/for-developers/tracking-events/
// event): a JSON array of events for one or more messages, each with `sg_event_id` (the id to
// de-duplicate by) and `timestamp` in unix seconds. The batch is the unit of delivery, routed
// by a receiver as `events`.

/** A SendGrid batch: processed, delivered, open, click and bounce events. The id seeds the event ids. */
export function eventBatch(options: SampleOptions = {}): Sample {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const messageId = `${ids.alnum('message', 22)}.recvd-${ids.alnum('host', 10).toLowerCase()}-1-${ids.hex('seq', 8).toUpperCase()}-1`;
  const smtpId = `<${ids.alnum('smtp', 22)}@ismtpd0001p1lon1.sendgrid.net>`;
  const common = (label: string, offset: number) => ({
    email: 'jenny.rosen@example.com',
    timestamp: time - 60 + offset,
    'smtp-id': smtpId,
    sg_event_id: ids.alnum(label, 22),
    sg_message_id: `${messageId}.filter0001p1las1-${ids.digits('filter', 5)}-${ids.hex('filter-hex', 8).toUpperCase()}-0`,
    category: ['receipts'],
  });
  const events = [
    { ...common('processed', 0), event: 'processed' },
    {
      ...common('delivered', 2),
      event: 'delivered',
      response: '250 2.0.0 OK 1711111111 a1-20020a05',
      ip: '168.1.1.1',
      tls: 1,
    },
    {
      ...common('open', 30),
      event: 'open',
      useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15',
      ip: '203.0.113.7',
      sg_machine_open: false,
    },
    {
      ...common('click', 45),
      event: 'click',
      url: 'https://example.com/orders/1042',
      url_offset: { index: 0, type: 'html' },
      useragent: 'Mozilla/5.0',
      ip: '203.0.113.7',
    },
    {
      email: 'bounce@example.net',
      timestamp: time,
      'smtp-id': `<${ids.alnum('smtp-bounce', 22)}@ismtpd0001p1lon1.sendgrid.net>`,
      event: 'bounce',
      category: ['receipts'],
      sg_event_id: ids.alnum('bounce', 22),
      sg_message_id: `${ids.alnum('bounce-message', 22)}.filter0001p1las1-${ids.digits('bounce-filter', 5)}-0`,
      reason: '550 5.1.1 The email account that you tried to reach does not exist.',
      status: '5.1.1',
      type: 'bounce',
      bounce_classification: 'Invalid Address',
    },
  ];
  return {
    provider: 'sendgrid',
    event: 'events',
    id,
    body: JSON.stringify(events),
    contentType: JSON_CONTENT_TYPE,
    headers: { 'User-Agent': 'SendGrid Event API' },
    timestamp: time,
  };
}

/** SendGrid samples (one delivery is one batch of events). */
export const sendgridSamples = {
  events: eventBatch,
};
