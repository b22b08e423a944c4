import { stripe, WebhookError } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { createReceiver } from './receiver.js';
import { NOW_MS, signedInput } from './test-support/deliveries.js';

// RFC 9110 §9.3.2: a HEAD answer has the status and headers a GET would get, and no content.
describe('HEAD answers carry no body', () => {
  const scheme = stripe({ secret: 'whsec_head' });
  const setup = () => createReceiver({ scheme, clock: () => NOW_MS });

  it('receiver.fetch: 405 with Allow: POST and a null body', async () => {
    const response = await setup().fetch(new Request('https://example.test/webhooks', { method: 'HEAD' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.body).toBeNull();
  });

  it('receiver.handle: 405 with Allow: POST and an empty body; a GET keeps its JSON', async () => {
    const receiver = setup();
    const input = await signedInput(scheme, { id: 'evt_head', type: 'invoice.paid' });
    const head = await receiver.handle({ ...input, method: 'HEAD' });
    expect(head).toMatchObject({ status: 405, body: '' });
    expect(head.headers.allow).toBe('POST');
    const get = await receiver.handle({ ...input, method: 'GET' });
    expect(JSON.parse(get.body)).toMatchObject({ ok: false, code: 'METHOD_NOT_ALLOWED' });
  });

  it('receiver.reject and a closed receiver: the status of the error, no body', async () => {
    const receiver = setup();
    const refusal = new WebhookError('PAYLOAD_TOO_LARGE', 'too large');
    expect(receiver.reject(refusal, { method: 'head', headers: {} })).toMatchObject({
      status: 413,
      body: '',
    });
    await receiver.close();
    const closed = await receiver.handle({ method: 'HEAD', headers: {}, body: '' });
    expect(closed).toMatchObject({ status: 503, body: '' });
  });
});
