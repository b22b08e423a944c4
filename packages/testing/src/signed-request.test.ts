import { createReceiver } from '@hookgate/core';
import { github, hmac, square, stripe, twilio } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { samples } from './samples/index.js';
import { createSignedRequest, signDelivery } from './signed-request.js';

const url = 'https://example.test/webhooks';
const now = () => Math.floor(Date.now() / 1000);

describe('createSignedRequest', () => {
  it('builds a web Request that the scheme verifies, from a sample spread in', async () => {
    const scheme = stripe({ secret: 'whsec_test' });
    const sample = samples.stripe['invoice.paid']();
    const request = await createSignedRequest(scheme, { url, ...sample });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(url);
    expect(request.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(request.headers.get('user-agent')).toContain('Stripe');
    const body = new Uint8Array(await request.arrayBuffer());
    expect(new TextDecoder().decode(body)).toBe(sample.body);
    await expect(scheme.verify({ headers: request.headers, body })).resolves.toMatchObject({
      timestamp: sample.timestamp,
    });
  });

  it('is what receiver.fetch takes', async () => {
    const scheme = github({ secret: 'gh' });
    const receiver = createReceiver({ scheme, events: { push: anything } }).on('push', () => ({
      handled: true,
    }));
    const response = await receiver.fetch(
      await createSignedRequest(scheme, { url, ...samples.github.push() }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ handled: true });
  });

  it('JSON-encodes objects and says so', async () => {
    const scheme = github({ secret: 'gh' });
    const request = await createSignedRequest(scheme, { url, body: { hello: 'wörld' }, id: 'delivery-1' });
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('x-github-delivery')).toBe('delivery-1');
    expect(await request.text()).toBe('{"hello":"wörld"}');
  });

  it('signs raw bytes as bytes, and sends no body for GET', async () => {
    const scheme = github({ secret: 'gh' });
    const bytes = Uint8Array.of(0xff, 0x00, 0xfe);
    const request = await createSignedRequest(scheme, { url, body: bytes });
    expect(request.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await request.arrayBuffer())).toEqual(bytes);
    const get = await createSignedRequest(scheme, { url, body: '', method: 'GET' });
    expect(get.method).toBe('GET');
    expect(get.body).toBeNull();
  });
});

describe('signDelivery', () => {
  it('returns plain headers and a string body for text, a Buffer for bytes', async () => {
    const scheme = github({ secret: 'gh' });
    const text = await signDelivery(scheme, { body: '{"a":1}' });
    expect(text.body).toBe('{"a":1}');
    expect(text.method).toBe('POST');
    expect(text.url).toBeUndefined();
    expect(text.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(text.headers['X-Hub-Signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const bytes = await signDelivery(scheme, { body: new TextEncoder().encode('{"a":1}') });
    expect(Buffer.isBuffer(bytes.body)).toBe(true);
    expect(bytes.headers['content-type']).toBe('application/json');
    expect(bytes.headers['X-Hub-Signature-256']).toBe(text.headers['X-Hub-Signature-256']);
  });

  it('guesses form, text and JSON content types; an explicit one wins over headers', async () => {
    const scheme = hmac({ secret: 's', header: 'X-Sig' });
    const type = async (options: Parameters<typeof signDelivery>[1]) =>
      (await signDelivery(scheme, options)).headers['content-type'];
    expect(await type({ body: 'a=1&b=two+words' })).toBe('application/x-www-form-urlencoded');
    expect(await type({ body: 'hello there' })).toBe('text/plain; charset=utf-8');
    expect(await type({ body: ' [1,2]' })).toBe('application/json');
    expect(await type({ body: '{not json' })).toBe('text/plain; charset=utf-8');
    expect(await type({ body: '{}', headers: { 'Content-Type': 'application/cloudevents+json' } })).toBe(
      'application/cloudevents+json',
    );
    expect(await type({ body: '{}', contentType: 'text/x-custom', headers: { 'Content-Type': 'a/b' } })).toBe(
      'text/x-custom',
    );
  });

  it('lets the signature headers win over given ones, case-insensitively', async () => {
    const scheme = github({ secret: 'gh' });
    const signed = await signDelivery(scheme, {
      body: '{}',
      id: 'real',
      headers: { 'x-hub-signature-256': 'sha256=forged', 'x-github-delivery': 'other', 'X-Extra': '1' },
    });
    expect(signed.headers['X-Hub-Signature-256']).not.toBe('sha256=forged');
    expect(signed.headers['X-GitHub-Delivery']).toBe('real');
    expect(
      Object.keys(signed.headers).filter((name) => name.toLowerCase() === 'x-hub-signature-256'),
    ).toHaveLength(1);
    expect(signed.headers['X-Extra']).toBe('1');
  });

  it('signs Twilio forms with the URL, and JSON bodies through bodySHA256 as Twilio does', async () => {
    const scheme = twilio({ secret: '12345' });
    const sms = await signDelivery(scheme, { url, ...samples.twilio.message() });
    expect(sms.url).toBe(url);
    expect(sms.headers['content-type']).toBe('application/x-www-form-urlencoded');
    await expect(
      scheme.verify({ headers: sms.headers, body: sms.body, url: sms.url }),
    ).resolves.toBeDefined();

    const json = await signDelivery(scheme, { url: `${url}?source=studio`, body: { FlowSid: 'FW1' } });
    expect(json.url).toMatch(/^https:\/\/example\.test\/webhooks\?source=studio&bodySHA256=[0-9a-f]{64}$/);
    await expect(
      scheme.verify({ headers: json.headers, body: json.body, url: json.url }),
    ).resolves.toBeDefined();
    await expect(
      scheme.verify({ headers: json.headers, body: '{"FlowSid":"FW2"}', url: json.url }),
    ).rejects.toThrow(/bodySHA256/);
  });

  it('signs the URL for Square', async () => {
    const scheme = square({ secret: 'key' });
    const signed = await signDelivery(scheme, { url, ...samples.square['payment.created']() });
    await expect(scheme.verify({ headers: signed.headers, body: signed.body, url })).resolves.toBeDefined();
    await expect(
      scheme.verify({ headers: signed.headers, body: signed.body, url: 'http://example.test/webhooks' }),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
  });

  it('uses the given timestamp, or now', async () => {
    const scheme = stripe({ secret: 'whsec_x' });
    const fixed = await signDelivery(scheme, { body: '{}', timestamp: 1_700_000_000 });
    expect(fixed.headers['Stripe-Signature']).toMatch(/^t=1700000000,v1=/);
    const fresh = await signDelivery(scheme, { body: '{}' });
    const t = Number(/^t=(\d+)/.exec(fresh.headers['Stripe-Signature']!)![1]);
    expect(Math.abs(t - now())).toBeLessThanOrEqual(1);
  });
});

const anything = {
  '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) },
};
