import { createHmac } from 'node:crypto';
import {
  adyen,
  asana,
  discord,
  dropbox,
  github,
  mailgun,
  meta,
  slack,
  twitch,
  twitter,
  zoom,
} from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { bodyOf, NOW_MS, signedInput } from './test-support/deliveries.js';

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };
const get = (url: string, headers: Record<string, string> = {}) => ({
  method: 'GET',
  url,
  headers,
  body: '',
});

describe('unsigned challenges are answered before the method check', () => {
  it('Meta: GET hub.challenge with the verify token is echoed; without it, 401; other GETs 405', async () => {
    const onError = vi.fn();
    const receiver = createReceiver({
      scheme: meta({ secret: 's3cret', verifyToken: 'vt-123456' }),
      onError,
    });
    const ok = await receiver.handle(
      get('https://example.test/meta?hub.mode=subscribe&hub.verify_token=vt-123456&hub.challenge=1158201444'),
    );
    expect(ok).toEqual({ status: 200, headers: TEXT, body: '1158201444' });
    const wrong = await receiver.handle(
      get('/meta?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1'),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('vt-123456');
    expect(onError.mock.calls[0]?.[0].code).toBe('INVALID_SIGNATURE');
    const other = await receiver.handle(get('/meta'));
    expect(other.status).toBe(405);
    expect(bodyOf(other).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('Meta: signed POSTs still reach the handlers, typed by object and field', async () => {
    const scheme = meta({ secret: 's3cret', verifyToken: 'vt-123456' });
    const handler = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { 'whatsapp_business_account.messages': z.object({ object: z.string() }) },
    });
    receiver.on('whatsapp_business_account.messages', handler);
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {} }] }],
    };
    expect((await receiver.handle(await signedInput(scheme, payload))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('Dropbox: GET ?challenge= through receiver.fetch is echoed as text/plain with nosniff', async () => {
    const receiver = createReceiver({ scheme: dropbox({ secret: 'app-secret' }) });
    const response = await receiver.fetch(new Request('https://example.test/dropbox?challenge=abc%20def'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('abc def');
    expect((await receiver.fetch(new Request('https://example.test/dropbox'))).status).toBe(405);
  });

  it('X: GET ?crc_token= is answered with the response_token', async () => {
    const receiver = createReceiver({ scheme: twitter({ secret: 'consumer-secret' }) });
    const result = await receiver.handle(get('/x?crc_token=tok-1'));
    expect(bodyOf(result)).toEqual({
      response_token: `sha256=${createHmac('sha256', 'consumer-secret').update('tok-1').digest('base64')}`,
    });
  });

  it('X: the CRC cannot be used to sign a delivery (its answer is the HMAC that signs bodies)', async () => {
    const handler = vi.fn();
    const receiver = createReceiver({
      scheme: twitter({ secret: 'consumer-secret' }),
      logger: false,
    }).onEvery(handler);
    const signatureOf = async (body: string) => {
      const answer = await receiver.handle(get(`/x?crc_token=${encodeURIComponent(body)}`));
      return answer.status === 200 ? String(bodyOf(answer).response_token) : undefined;
    };
    // A JSON body is never answered; a token-shaped one is, but as a delivery it is no JSON.
    expect(await signatureOf('{"tweet_create_events":[{"id_str":"1"}]}')).toBeUndefined();
    expect(await signatureOf('42')).toBeUndefined();
    const signature = await signatureOf('event=forged');
    for (const contentType of ['application/x-www-form-urlencoded', 'application/json']) {
      const forged = await receiver.handle({
        method: 'POST',
        url: '/x',
        headers: { 'content-type': contentType, 'x-twitter-webhooks-signature': signature! },
        body: 'event=forged',
      });
      expect([forged.status, bodyOf(forged).code]).toEqual([400, 'INVALID_PAYLOAD']);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('Asana: the X-Hook-Secret POST is echoed and stored; later deliveries verify with it', async () => {
    let stored: string | undefined;
    const scheme = asana({
      secret: () => stored ?? 'none-yet',
      onHookSecret: (secret) => {
        stored = secret;
      },
    });
    const handler = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { events: z.object({ events: z.array(z.unknown()) }) },
    });
    receiver.on('events', handler);
    const first = await receiver.handle({
      method: 'POST',
      url: '/asana',
      headers: { 'x-hook-secret': 'hook-secret-1' },
      body: '',
    });
    expect(first).toEqual({ status: 200, headers: { 'X-Hook-Secret': 'hook-secret-1' }, body: '' });
    expect(stored).toBe('hook-secret-1');
    const delivery = await signedInput(asana({ secret: 'hook-secret-1' }), { events: [{ action: 'added' }] });
    expect((await receiver.handle(delivery)).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('every other scheme answers a GET with 405', async () => {
    for (const scheme of [
      github({ secret: 'x' }),
      slack({ secret: 'x' }),
      zoom({ secret: 'x' }),
      twitch({ secret: 'x' }),
    ]) {
      const result = await createReceiver({ scheme }).handle(
        get('/hooks?hub.mode=subscribe&challenge=1&crc_token=1'),
      );
      expect(result.status).toBe(405);
      expect(result.headers.allow).toBe('POST');
    }
  });
});

describe('signed challenges are answered after verification', () => {
  it('Twitch: webhook_callback_verification echoes the challenge; unsigned ones are refused', async () => {
    const scheme = twitch({ secret: 'twitch-secret-1' });
    const handler = vi.fn();
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    receiver.onEvery(handler);
    const body = { challenge: 'pogchamp-kappa', subscription: { type: 'channel.follow' } };
    const input = await signedInput(scheme, body, {
      headers: { 'Twitch-Eventsub-Message-Type': 'webhook_callback_verification' },
    });
    expect(await receiver.handle(input)).toEqual({ status: 200, headers: TEXT, body: 'pogchamp-kappa' });
    const forged = await signedInput(twitch({ secret: 'attacker' }), body, {
      headers: { 'Twitch-Eventsub-Message-Type': 'webhook_callback_verification' },
    });
    expect((await receiver.handle(forged)).status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });

  it('Twitch: revocations reach handlers of the revocation type; notifications by subscription type', async () => {
    const scheme = twitch({ secret: 'twitch-secret-1' });
    const receiver = createReceiver({
      scheme,
      events: {
        revocation: z.object({ subscription: z.object({ status: z.string() }) }),
        'channel.follow': z.object({}),
      },
      clock: () => NOW_MS,
    });
    const revoked = vi.fn();
    const followed = vi.fn();
    receiver.on('revocation', revoked).on('channel.follow', followed);
    const revocation = { subscription: { type: 'channel.follow', status: 'authorization_revoked' } };
    await receiver.handle(
      await signedInput(scheme, revocation, {
        id: 'm1',
        headers: { 'Twitch-Eventsub-Message-Type': 'revocation' },
      }),
    );
    await receiver.handle(
      await signedInput(scheme, { subscription: { type: 'channel.follow' }, event: {} }, { id: 'm2' }),
    );
    // The message type header is not signed: a notification relabelled `revocation` (a replay
    // after its handler failed) is still the notification.
    const notification = { subscription: { type: 'channel.follow', status: 'enabled' }, event: {} };
    await receiver.handle(
      await signedInput(scheme, notification, {
        id: 'm3',
        headers: { 'Twitch-Eventsub-Message-Type': 'revocation' },
      }),
    );
    expect(revoked).toHaveBeenCalledTimes(1);
    expect(revoked.mock.calls[0]?.[0]).toEqual({ subscription: { status: 'authorization_revoked' } });
    expect(revoked.mock.calls[0]?.[1].deliveryId).toBe('m1');
    expect(followed).toHaveBeenCalledTimes(2);
  });

  it('Zoom: endpoint.url_validation is answered with plainToken and encryptedToken', async () => {
    const scheme = zoom({ secret: 'zoom-secret' });
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, {
        payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
        event_ts: 1,
        event: 'endpoint.url_validation',
      }),
    );
    expect(bodyOf(result)).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', 'zoom-secret').update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });

  it('Slack: url_verification is answered with its challenge', async () => {
    const scheme = slack({ secret: 'slack-secret' });
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { type: 'url_verification', challenge: 'c-1' }),
    );
    expect(bodyOf(result)).toEqual({ challenge: 'c-1' });
  });
});

describe('Discord Webhook Events are acknowledged with 204 and no body', () => {
  const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const publicKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const scheme = discord({ publicKey, privateKey: seed });

  it('PING, with or without version', async () => {
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    for (const ping of [{ type: 0 }, { version: 1, application_id: 'a', type: 0 }]) {
      expect(await receiver.handle(await signedInput(scheme, ping))).toEqual({
        status: 204,
        headers: {},
        body: '',
      });
    }
  });

  it('events: handled once, answered 204 even when the handler returns a value, duplicates too', async () => {
    const receiver = createReceiver({
      scheme,
      events: { APPLICATION_AUTHORIZED: z.object({ type: z.literal(1) }) },
      clock: () => NOW_MS,
    });
    const handler = vi.fn(() => ({ ignored: true }));
    receiver.on('APPLICATION_AUTHORIZED', handler);
    const input = await signedInput(scheme, {
      version: 1,
      application_id: 'a',
      type: 1,
      event: { type: 'APPLICATION_AUTHORIZED', timestamp: '2024-10-18T14:42:53.064834', data: {} },
    });
    expect(await receiver.handle(input)).toEqual({ status: 204, headers: {}, body: '' });
    expect(await receiver.handle(input)).toEqual({ status: 204, headers: {}, body: '' });
    expect(handler).toHaveBeenCalledTimes(1);
    const unhandled = await receiver.handle(
      await signedInput(scheme, { version: 1, type: 1, event: { type: 'ENTITLEMENT_CREATE', data: {} } }),
    );
    expect(unhandled.status).toBe(204);
    const response = await receiver.fetch(
      new Request('https://example.test/discord', {
        method: 'POST',
        headers: input.headers as Record<string, string>,
        body: input.body as Uint8Array<ArrayBuffer>,
      }),
    );
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('an interaction PING is still answered {"type":1}', async () => {
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { id: 'i1', type: 1, token: 't', version: 1 }),
    );
    expect(bodyOf(result)).toEqual({ type: 1 });
  });
});

describe('senders that sign inside the body', () => {
  it('Adyen: verified notifications are acknowledged with [accepted], once', async () => {
    const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
    const scheme = adyen({ secret: key });
    const handler = vi.fn();
    const receiver = createReceiver({ scheme, events: { AUTHORISATION: z.object({ live: z.string() }) } });
    receiver.on('AUTHORISATION', handler);
    const item = {
      eventCode: 'AUTHORISATION',
      success: 'true',
      pspReference: '7914073381342284',
      merchantAccountCode: 'TestMerchant',
      merchantReference: 'TestPayment-1407325143704',
      amount: { value: 1130, currency: 'EUR' },
    };
    const signed = await scheme.signBody!({
      body: JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: item }] }),
    });
    const input = { method: 'POST', headers: signed.headers, body: signed.body };
    const answer = {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '[accepted]',
    };
    expect(await receiver.handle(input)).toEqual(answer);
    expect(await receiver.handle(input)).toEqual(answer);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('Mailgun: the signed token is the replay key, even with other event-data', async () => {
    const scheme = mailgun({ secret: 'mailgun-key' });
    const handler = vi.fn();
    const receiver = createReceiver({ scheme, events: { delivered: z.object({}) }, clock: () => NOW_MS });
    receiver.on('delivered', handler);
    const signed = await scheme.signBody!({
      body: JSON.stringify({ event: 'delivered', id: 'e1' }),
      id: 'tok-1',
      timestamp: NOW_MS / 1000,
    });
    expect(
      (await receiver.handle({ method: 'POST', headers: signed.headers, body: signed.body })).status,
    ).toBe(200);
    const swapped = JSON.stringify({
      ...JSON.parse(signed.body),
      'event-data': { event: 'delivered', id: 'forged' },
    });
    expect(bodyOf(await receiver.handle({ method: 'POST', headers: signed.headers, body: swapped }))).toEqual(
      { ok: true, duplicate: true },
    );
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[1].deliveryId).toBe('tok-1');
  });
});
