import {
  createIdSource,
  isoTime,
  JSON_CONTENT_TYPE,
  randomString,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// The event shape of the Standard Webhooks spec ("Payload structure": `type`, `timestamp`,
// `data`), as Svix-based senders (Clerk, Resend, …) send it. The `webhook-id` (or `svix-id`)
// header comes from signing with the sample's `id`.

function userCreated(provider: string) {
  return (options: SampleOptions = {}): Sample => {
    const id = options.id ?? `msg_${randomString(27)}`;
    const ids = createIdSource(id);
    const time = sampleTime(options);
    const payload = {
      type: 'user.created',
      timestamp: isoTime(time, 6),
      data: {
        id: `user_${ids.alnum('user', 27)}`,
        email: 'jenny.rosen@example.com',
        first_name: 'Jenny',
        last_name: 'Rosen',
        created_at: isoTime(time, 3),
        email_verified: true,
        metadata: {},
      },
    };
    return {
      provider,
      event: 'user.created',
      id,
      body: JSON.stringify(payload),
      contentType: JSON_CONTENT_TYPE,
      headers: { 'User-Agent': 'Svix-Webhooks/1.66.0 (sender-Gs1aS; +https://www.svix.com/http-sender/)' },
      timestamp: time,
    };
  };
}

/** Standard Webhooks samples, by event type. */
export const standardWebhooksSamples = {
  'user.created': userCreated('standard-webhooks'),
};

/** Svix samples (the same events, signed with `svix-*` headers by the `svix` scheme). */
export const svixSamples = {
  'user.created': userCreated('svix'),
};
