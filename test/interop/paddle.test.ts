import { createHmac } from 'node:crypto';
import { paddle } from '@hookgate/signatures';
import { Paddle } from '@paddle/paddle-node-sdk';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isUtf8,
  largeJsonBody,
  nonUtf8Body,
  providers,
  RUNS,
  textBody,
  timestamp,
  utf8,
} from './arbitraries.js';

// Byte compatibility with @paddle/paddle-node-sdk 3.10.0 `webhooks.isSignatureValid` and
// `unmarshal`, both ways. The SDK has no signer, so the Paddle side is a node:crypto
// implementation of the documented rule (`ts=<ts>;h1=<hex HMAC-SHA256 of "<ts>:<body>">`), and
// every header it makes is also checked with the SDK. The SDK reads the clock through `Date`,
// so `Date` is faked to the signed second.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
const sdk = new Paddle('pdl_sdbx_apikey_interop_test');

function paddleHeader(secretKey: string, ts: number, body: string | Uint8Array, extra = ''): string {
  const mac = createHmac('sha256', secretKey).update(`${ts}:`).update(body).digest('hex');
  return `ts=${ts};h1=${mac}${extra}`;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(providers)('paddle interop with $name crypto', ({ crypto }) => {
  it('verifies what Paddle signs (reference signer, accepted by the SDK)', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, ts) => {
        vi.setSystemTime(ts * 1000);
        const header = paddleHeader(key, ts, body);
        await expect(sdk.webhooks.isSignatureValid(body, key, header)).resolves.toBe(true);
        const request = { headers: { 'Paddle-Signature': header }, body: utf8(body), now: ts * 1000 };
        await expect(paddle({ secret: key, crypto }).verify(request)).resolves.toEqual({
          scheme: 'paddle',
          timestamp: ts,
          secretIndex: 0,
          version: 'h1',
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what the SDK verifies', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, ts) => {
        vi.setSystemTime(ts * 1000);
        const { 'Paddle-Signature': header } = await paddle({ secret: key, crypto }).sign({
          body: utf8(body),
          timestamp: ts,
        });
        expect(header).toBe(paddleHeader(key, ts, body));
        await expect(sdk.webhooks.isSignatureValid(body, key, header!)).resolves.toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what unmarshal turns into an event', async () => {
    const ts = 1698796800;
    vi.setSystemTime(ts * 1000);
    const body = JSON.stringify({
      event_id: 'evt_01h8bzakzx3hm2fmen703n5q45',
      event_type: 'address.created',
      occurred_at: '2023-11-01T00:00:00.000000Z',
      notification_id: 'ntf_01h8bzam1z32agrxjwhjgqk8w6',
      data: {
        id: 'add_01h8bz9v0v9y1r5z2c3k4m5n6p',
        customer_id: 'ctm_01h8bz',
        country_code: 'FR',
        status: 'active',
      },
    });
    const key = 'pdl_ntfset_01h8bzxxxxxxxxxxxxxxxxxxxx_secret';
    const { 'Paddle-Signature': header } = await paddle({ secret: key, crypto }).sign({
      body,
      timestamp: ts,
    });
    const event = await sdk.webhooks.unmarshal(body, key, header!);
    expect(event).toMatchObject({
      eventId: 'evt_01h8bzakzx3hm2fmen703n5q45',
      eventType: 'address.created',
      data: { countryCode: 'FR' },
    });
    await expect(sdk.webhooks.unmarshal(body, 'other-secret', header!)).rejects.toThrow(
      /verification failed/,
    );
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const ts = 1698796800;
    vi.setSystemTime(ts * 1000);
    const body = largeJsonBody(3);
    const key = 'VALID_SECRET';
    const scheme = paddle({ secret: key, crypto });
    const { 'Paddle-Signature': ours } = await scheme.sign({ body, timestamp: ts });
    await expect(sdk.webhooks.isSignatureValid(body, key, ours!)).resolves.toBe(true);
    const request = {
      headers: { 'paddle-signature': paddleHeader(key, ts, body) },
      body: utf8(body),
      now: ts * 1000,
    };
    await expect(scheme.verify(request)).resolves.toMatchObject({ timestamp: ts });
  });

  it('tries every h1 during rotation, where the SDK checks only the last', async () => {
    const ts = 1698796800;
    vi.setSystemTime(ts * 1000);
    const body = '{"data":"value"}';
    const oldMac = paddleHeader('old-secret', ts, body).split('h1=')[1];
    const header = `${paddleHeader('new-secret', ts, body)};h1=${oldMac}`;
    const request = { headers: { 'paddle-signature': header }, body, now: ts * 1000 };
    await expect(paddle({ secret: 'new-secret', crypto }).verify(request)).resolves.toBeDefined();
    await expect(paddle({ secret: 'old-secret', crypto }).verify(request)).resolves.toBeDefined();
    await expect(sdk.webhooks.isSignatureValid(body, 'old-secret', header)).resolves.toBe(true);
    await expect(sdk.webhooks.isSignatureValid(body, 'new-secret', header)).resolves.toBe(false);
  });

  it('agrees with the SDK on the 5 s window in the past, and refuses the future by default', async () => {
    const ts = 1698796800;
    const body = '{"data":"value"}';
    const key = 'VALID_SECRET';
    const scheme = paddle({ secret: key, crypto });
    const { 'Paddle-Signature': header } = await scheme.sign({ body, timestamp: ts });
    const at = (seconds: number) => ({ headers: { 'paddle-signature': header }, body, now: seconds * 1000 });
    vi.setSystemTime((ts + 5) * 1000);
    await expect(sdk.webhooks.isSignatureValid(body, key, header!)).resolves.toBe(true);
    await expect(scheme.verify(at(ts + 5))).resolves.toBeDefined();
    vi.setSystemTime((ts + 6) * 1000);
    await expect(sdk.webhooks.isSignatureValid(body, key, header!)).resolves.toBe(false);
    await expect(scheme.verify(at(ts + 6))).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    // An hour ahead: the SDK accepts it; hookgate refuses unless futureTolerance is Infinity.
    vi.setSystemTime((ts - 3600) * 1000);
    await expect(sdk.webhooks.isSignatureValid(body, key, header!)).resolves.toBe(true);
    await expect(scheme.verify(at(ts - 3600))).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    const sdkLike = paddle({ secret: key, crypto, futureTolerance: Infinity });
    await expect(sdkLike.verify(at(ts - 3600))).resolves.toBeDefined();
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // The SDK takes the body as a string (`${ts}:${body}`), so a receiver using it decodes
    // first: invalid bytes become U+FFFD and the HMAC can never match there. hookgate hashes
    // the raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, timestamp, async (body, key, ts) => {
        vi.setSystemTime(ts * 1000);
        expect(isUtf8(body)).toBe(false);
        const scheme = paddle({ secret: key, crypto });
        const headers = await scheme.sign({ body, timestamp: ts });
        expect(headers['Paddle-Signature']).toBe(paddleHeader(key, ts, body));
        await expect(scheme.verify({ headers, body, now: ts * 1000 })).resolves.toMatchObject({
          secretIndex: 0,
        });
        const decoded = new TextDecoder().decode(body);
        await expect(sdk.webhooks.isSignatureValid(decoded, key, headers['Paddle-Signature']!)).resolves.toBe(
          false,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
