import { discord, shopify, slack, twilio } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { bodyOf, NOW_MS, NOW_SECONDS, signedInput } from './test-support/deliveries.js';

const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

describe('Slack defaults', () => {
  const scheme = slack({ secret: SLACK_SECRET });

  it('answers the url_verification challenge without any handler', async () => {
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { type: 'url_verification', challenge: 'c-123', token: 't' }),
    );
    expect(result.status).toBe(200);
    expect(bodyOf(result)).toEqual({ challenge: 'c-123' });
  });

  it('routes event_callback by event.type, dedupes by event_id, and reports retries', async () => {
    const receiver = createReceiver({
      scheme,
      events: { app_mention: z.object({ event_id: z.string(), event: z.object({ text: z.string() }) }) },
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('app_mention', handler);
    const payload = { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention', text: 'hi' } };
    await receiver.handle(await signedInput(scheme, payload));
    const retry = await receiver.handle(
      await signedInput(scheme, payload, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      }),
    );
    expect(bodyOf(retry)).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[1]).toMatchObject({
      deliveryId: 'Ev1',
      eventType: 'app_mention',
      timestamp: NOW_SECONDS,
    });
  });

  it('passes the retry number and reason to the handler', async () => {
    const receiver = createReceiver({ scheme, events: { app_mention: z.unknown() }, clock: () => NOW_MS });
    const handler = vi.fn();
    receiver.on('app_mention', handler);
    const payload = { type: 'event_callback', event_id: 'Ev2', event: { type: 'app_mention' } };
    await receiver.handle(
      await signedInput(scheme, payload, {
        headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' },
      }),
    );
    expect(handler.mock.calls[0]?.[1].attempt).toEqual({ retry: 2, reason: 'http_error' });
  });

  it('routes a form-encoded slash command and returns the handler value as the reply', async () => {
    const receiver = createReceiver({
      scheme,
      events: { slash_command: z.object({ command: z.string(), text: z.string() }) },
      clock: () => NOW_MS,
    });
    receiver.on('slash_command', (command) => ({
      response_type: 'ephemeral',
      text: `you said ${command.text}`,
    }));
    const body = new URLSearchParams({ command: '/echo', text: 'hello', trigger_id: 't1' }).toString();
    const input = await signedInput(scheme, body, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const result = await receiver.handle(input);
    expect(result.status).toBe(200);
    expect(bodyOf(result)).toEqual({ response_type: 'ephemeral', text: 'you said hello' });
  });
});

describe('Discord defaults', () => {
  // RFC 8032 §7.1 test 1 key pair.
  const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const publicKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const scheme = discord({ publicKey, privateKey: seed });

  it('answers an interaction PING with a PONG', async () => {
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { id: 'i1', type: 1, application_id: 'a', token: 't', version: 1 }),
    );
    expect(result.status).toBe(200);
    expect(bodyOf(result)).toEqual({ type: 1 });
  });

  it('routes an application command by name of its interaction type and replies with the handler value', async () => {
    const receiver = createReceiver({
      scheme,
      events: { APPLICATION_COMMAND: z.object({ id: z.string(), data: z.object({ name: z.string() }) }) },
      clock: () => NOW_MS,
    });
    receiver.on('APPLICATION_COMMAND', (interaction) => ({
      type: 4,
      data: { content: `ran ${interaction.data.name}` },
    }));
    const result = await receiver.handle(
      await signedInput(scheme, { id: 'i2', type: 2, token: 't', version: 1, data: { name: 'hello' } }),
    );
    expect(bodyOf(result)).toEqual({ type: 4, data: { content: 'ran hello' } });
  });

  it('answers a webhook-event PING with 204', async () => {
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { version: 1, application_id: 'a', type: 0 }),
    );
    expect(result.status).toBe(204);
    expect(result.body).toBe('');
  });
});

describe('Shopify and Twilio defaults', () => {
  it('Shopify: routes by X-Shopify-Topic and dedupes by X-Shopify-Webhook-Id', async () => {
    const scheme = shopify({ secret: 'shpss_test' });
    const receiver = createReceiver({
      scheme,
      events: { 'orders/create': z.object({ id: z.number() }) },
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('orders/create', handler);
    const input = await signedInput(
      scheme,
      { id: 820982911946154500 },
      { id: 'wh-1', headers: { 'x-shopify-topic': 'orders/create' } },
    );
    await receiver.handle(input);
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, duplicate: true });
    expect(handler.mock.calls[0]?.[1]).toMatchObject({ deliveryId: 'wh-1', eventType: 'orders/create' });
  });

  it('Twilio: parses the form, routes an incoming SMS, and dedupes an identical replay by its signature', async () => {
    const url = 'https://example.test/twilio/sms';
    const scheme = twilio({ secret: 'twilio-auth-token' });
    const receiver = createReceiver({
      scheme,
      events: { message: z.object({ MessageSid: z.string(), Body: z.string(), From: z.string() }) },
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('message', handler);
    const body = new URLSearchParams({
      MessageSid: 'SM1',
      SmsStatus: 'received',
      Body: 'hi',
      From: '+15550001',
    }).toString();
    const input = await signedInput(scheme, body, {
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    delete (input.headers as Record<string, string>)['I-Twilio-Idempotency-Token'];
    expect((await receiver.handle(input)).status).toBe(200);
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0]).toEqual({ MessageSid: 'SM1', Body: 'hi', From: '+15550001' });
    // Keyed on (the first half of) the signature, which covers the sorted parameters: see
    // replay-keys.test.ts. Never all of it: the key is stored and shown.
    const signature = String(input.headers['X-Twilio-Signature' as keyof typeof input.headers]);
    expect(handler.mock.calls[0]?.[1].deliveryId).toBe(signature.slice(0, signature.length / 2));
  });
});
