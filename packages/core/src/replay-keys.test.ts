import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { github, hmac, type Scheme, sendgrid, shopify, stripe, twilio } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { bodyOf, NOW_MS, NOW_SECONDS, signedInput } from './test-support/deliveries.js';

// P-256 group order: (r, s) and (r, n - s) are both valid ECDSA signatures of the same message.
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return Buffer.concat([Buffer.of(0x02, bytes.length), bytes]);
}

function der(r: bigint, s: bigint): string {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]).toString('base64');
}

describe('replay keys come from signed data', () => {
  it('GitHub: a captured delivery of an unhandled type, resent under a handled one, runs no handler', async () => {
    const scheme = github({ secret: 'gh_relabel_secret' });
    const handler = vi.fn();
    const onUnhandled = vi.fn();
    const typed = createReceiver({
      scheme,
      events: { push: z.object({ ref: z.string() }) },
      clock: () => NOW_MS,
      logger: false,
      onUnhandled,
    }).on('push', handler);
    // The event type is the unsigned X-GitHub-Event header; the body is what was signed.
    const payload = { action: 'opened', issue: { number: 1 }, ref: 'refs/heads/main' };
    const issues = await signedInput(scheme, payload, { headers: { 'x-github-event': 'issues' } });
    expect(bodyOf(await typed.handle(issues))).toEqual({ ok: true });
    const relabelled = { ...issues, headers: { ...issues.headers, 'x-github-event': 'push' } };
    expect(bodyOf(await typed.handle(relabelled))).toEqual({ ok: true, duplicate: true });
    expect(handler).not.toHaveBeenCalled();
    // A replay of the unhandled delivery itself: onUnhandled ran once.
    expect(bodyOf(await typed.handle(issues))).toEqual({ ok: true, duplicate: true });
    expect(onUnhandled).toHaveBeenCalledTimes(1);
  });

  it('SendGrid: a re-encoded (high-s) twin of a captured signature is still a duplicate', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const scheme = sendgrid({
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    });
    const handler = vi.fn();
    const typed = createReceiver({ scheme, events: { events: z.array(z.unknown()) }, clock: () => NOW_MS });
    typed.on('events', handler);

    const body = '[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]\r\n';
    const timestamp = String(NOW_SECONDS);
    const raw = nodeSign('sha256', Buffer.from(timestamp + body), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    const r = BigInt(`0x${raw.subarray(0, 32).toString('hex')}`);
    const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
    const request = (signature: string) => ({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
      body,
    });
    expect((await typed.handle(request(der(r, s)))).status).toBe(200);
    const twin = await typed.handle(request(der(r, N - s)));
    // Whether or not the verifier accepts the twin, it must never run the handler again.
    if (twin.status === 200) expect(bodyOf(twin)).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('a replay with reshaped signature headers is still a duplicate', () => {
  const secret = 'replay-key-secret';

  async function deliverTwice(
    scheme: import('@hookgate/signatures').Scheme,
    payload: unknown,
    reshape: (headers: Record<string, string>) => Record<string, string>,
  ) {
    const handler = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { thing: z.unknown() },
      eventType: () => 'thing',
      clock: () => NOW_MS,
    });
    receiver.on('thing', handler);
    const first = await signedInput(scheme, payload);
    expect((await receiver.handle(first)).status).toBe(200);
    const replay = { ...first, headers: reshape({ ...(first.headers as Record<string, string>) }) };
    const second = await receiver.handle(replay);
    if (second.status === 200) expect(bodyOf(second)).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  }

  it('Shopify: the same signature also sent as the Events API header', async () => {
    await deliverTwice(shopify({ secret }), { id: 1 }, (headers) => ({
      ...headers,
      'shopify-hmac-sha256': headers['X-Shopify-Hmac-Sha256'] ?? headers['x-shopify-hmac-sha256']!,
    }));
  });

  it('Shopify: the classic header turned to junk beside a valid Events API header', async () => {
    await deliverTwice(shopify({ secret }), { id: 1 }, (headers) => {
      const signature = headers['X-Shopify-Hmac-Sha256'] ?? headers['x-shopify-hmac-sha256']!;
      return {
        'content-type': 'application/json',
        'shopify-hmac-sha256': signature,
        'x-shopify-hmac-sha256': 'junk',
      };
    });
  });

  it('Stripe without a payload id: extra entries appended to Stripe-Signature', async () => {
    await deliverTwice(stripe({ secret: 'whsec_replay' }), { type: 'thing' }, (headers) => {
      const name = Object.keys(headers).find((key) => key.toLowerCase() === 'stripe-signature')!;
      return { ...headers, [name]: `${headers[name]},v0=0000,v1=ffff` };
    });
  });

  it('Twilio: the same form parameters in another order (the signature covers them sorted)', async () => {
    const scheme = twilio({ secret });
    const handler = vi.fn();
    const receiver = createReceiver({ scheme, events: { thing: z.unknown() }, eventType: () => 'thing' });
    receiver.on('thing', handler);
    const url = 'https://example.test/sms';
    const first = await signedInput(scheme, 'Body=hello&From=%2B15550001111&To=%2B15550002222', {
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await receiver.handle(first)).status).toBe(200);
    const reordered = { ...first, body: 'To=%2B15550002222&Body=hello&From=%2B15550001111' };
    const second = await receiver.handle(reordered);
    expect(second.status).toBe(200);
    expect(bodyOf(second)).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('GitHub: the same signature with a changed delivery id', async () => {
    await deliverTwice(github({ secret }), { zen: 'x' }, (headers) => ({
      ...headers,
      'X-GitHub-Delivery': 'a-new-delivery-id',
    }));
  });

  // The Content-Type is not signed: resent as a form, the same JSON bytes must still read as the
  // same payload (same event type, same replay key), not as form fields.
  for (const [name, scheme] of [
    ['Stripe', stripe({ secret: 'whsec_replay' })],
    ['a custom HMAC sender (which may post forms)', hmac({ secret, header: 'X-Acme-Signature' })],
  ] as [string, Scheme][]) {
    it(`${name}: the same JSON resent with a form Content-Type`, async () => {
      const handler = vi.fn();
      const receiver = createReceiver({ scheme, clock: () => NOW_MS }).onEvery(handler);
      const first = await signedInput(scheme, { id: 'evt_ct_1', type: 'invoice.paid', note: 'a=1&type=x' });
      expect(bodyOf(await receiver.handle(first))).toEqual({ ok: true });
      const replay = {
        ...first,
        headers: {
          ...(first.headers as Record<string, string>),
          'content-type': 'application/x-www-form-urlencoded',
        },
      };
      expect(bodyOf(await receiver.handle(replay))).toEqual({ ok: true, duplicate: true });
      expect(handler).toHaveBeenCalledTimes(1);
    });
  }
});
