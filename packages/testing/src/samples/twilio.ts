import { createIdSource, FORM_CONTENT_TYPE, type Sample, type SampleOptions, sampleTime } from './sample.js';

// An incoming SMS as Twilio posts it to a messaging webhook (twilio.com/docs/messaging/guides/
// webhook-request): form parameters, signed together with the full URL Twilio requested, so
// sign it with the URL your receiver is configured with. `I-Twilio-Idempotency-Token` is added
// when signing with the sample's `id`.

/** Twilio incoming SMS (`SmsStatus=received`), routed as `message`. The id is the idempotency token. */
export function incomingMessage(options: SampleOptions = {}): Sample {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const sid = `SM${ids.hex('message', 32)}`;
  const form = new URLSearchParams({
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: 'SAN FRANCISCO',
    FromZip: '94105',
    SmsSid: sid,
    FromState: 'CA',
    SmsStatus: 'received',
    FromCity: 'SAN FRANCISCO',
    Body: 'Hi! Is my order #1042 on its way? 📦',
    FromCountry: 'US',
    To: '+14155550100',
    MessagingServiceSid: `MG${ids.hex('service', 32)}`,
    ToZip: '94105',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: `AC${ids.hex('account', 32)}`,
    From: '+14155550142',
    ApiVersion: '2010-04-01',
  });
  return {
    provider: 'twilio',
    event: 'message',
    id,
    body: form.toString(),
    contentType: FORM_CONTENT_TYPE,
    headers: { 'User-Agent': 'TwilioProxy/1.1' },
    timestamp: time,
  };
}

/** Twilio samples, by the event type a receiver routes them by. */
export const twilioSamples = {
  message: incomingMessage,
};
