import { createHmac } from 'node:crypto';
import { linear } from '@hookgate/signatures';
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { largeJsonBody, nonUtf8Body, providers, RUNS } from './arbitraries.js';

// Byte compatibility with @linear/sdk 98.0.0 `LinearWebhookClient.verify` / `parseData`, both
// ways. The SDK has no signer, so the Linear side is a node:crypto implementation of the
// documented rule (hex HMAC-SHA256 of the raw body; freshness from the body's
// `webhookTimestamp` in ms), and every signature it makes is also checked with the SDK. The SDK
// reads the clock through `Date.now()`, so `Date` is faked to the signed millisecond.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
const timestampMs = fc.integer({ min: 1_500_000_000_000, max: 2_100_000_000_000 });

/** A Linear-like JSON body carrying `webhookTimestamp`, compact or indented, any Unicode. */
const linearBody = fc
  .tuple(
    fc.constantFrom('Issue', 'Comment', 'Project'),
    fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }),
    fc.constantFrom(undefined, 2),
  )
  .map(
    ([type, data, indent]) =>
      (ms: number) =>
        JSON.stringify({ action: 'create', type, data, webhookTimestamp: ms }, null, indent),
  );

function linearSignature(webhookSecret: string, body: string | Uint8Array): string {
  return createHmac('sha256', webhookSecret).update(body).digest('hex');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(providers)('linear interop with $name crypto', ({ crypto }) => {
  it('verifies what Linear signs (reference signer, accepted by the SDK)', async () => {
    await fc.assert(
      fc.asyncProperty(linearBody, secret, timestampMs, async (makeBody, key, ms) => {
        vi.setSystemTime(ms);
        const body = Buffer.from(makeBody(ms));
        const signature = linearSignature(key, body);
        expect(new LinearWebhookClient(key).verify(body, signature)).toBe(true);
        const headers = { 'Linear-Signature': signature, 'Linear-Delivery': 'delivery-1' };
        await expect(linear({ secret: key, crypto }).verify({ headers, body, now: ms })).resolves.toEqual({
          scheme: 'linear',
          id: 'delivery-1',
          timestamp: ms,
          secretIndex: 0,
          contentKey: signature,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what the SDK verifies and parses', async () => {
    await fc.assert(
      fc.asyncProperty(linearBody, secret, timestampMs, async (makeBody, key, ms) => {
        vi.setSystemTime(ms);
        const text = makeBody(ms);
        const signed = await linear({ secret: key, crypto }).sign({ body: text });
        expect(signed['Linear-Signature']).toBe(linearSignature(key, text));
        const parsed = new LinearWebhookClient(key).parseData(Buffer.from(text), signed['Linear-Signature']!);
        expect(parsed).toEqual(JSON.parse(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const ms = 1700000000000;
    vi.setSystemTime(ms);
    const text = `${largeJsonBody(3).slice(0, -1)},"webhookTimestamp":${ms}}`;
    const body = Buffer.from(text);
    const key = 'lin_wh_test_secret';
    const scheme = linear({ secret: key, crypto });
    const signed = await scheme.sign({ body });
    expect(new LinearWebhookClient(key).verify(body, signed['Linear-Signature']!)).toBe(true);
    const headers = { 'linear-signature': linearSignature(key, body) };
    await expect(scheme.verify({ headers, body, now: ms })).resolves.toMatchObject({ timestamp: ms });
  });

  it('agrees with the SDK on the 60 s window, in both directions', async () => {
    const ms = 1700000000000;
    const key = 'lin_wh_test_secret';
    const body = Buffer.from(`{"type":"Issue","webhookTimestamp":${ms}}`);
    const scheme = linear({ secret: key, crypto });
    const { 'Linear-Signature': signature } = await scheme.sign({ body });
    const sdk = new LinearWebhookClient(key);
    for (const offset of [60_000, -60_000]) {
      vi.setSystemTime(ms + offset);
      expect(sdk.verify(body, signature!)).toBe(true);
      await expect(
        scheme.verify({ headers: { 'linear-signature': signature }, body, now: ms + offset }),
      ).resolves.toBeDefined();
    }
    for (const offset of [61_000, -61_000]) {
      vi.setSystemTime(ms + offset);
      expect(() => sdk.verify(body, signature!)).toThrow('Invalid webhook timestamp');
      await expect(
        scheme.verify({ headers: { 'linear-signature': signature }, body, now: ms + offset }),
      ).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    }
    // Linear signs milliseconds, and both sides compare them exactly: 60.001 s is outside.
    for (const offset of [60_001, -60_001]) {
      vi.setSystemTime(ms + offset);
      expect(() => sdk.verify(body, signature!)).toThrow('Invalid webhook timestamp');
      await expect(
        scheme.verify({ headers: { 'linear-signature': signature }, body, now: ms + offset }),
      ).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    }
  });

  it('agrees with the SDK on a verified body without webhookTimestamp', async () => {
    const key = 'lin_wh_test_secret';
    const body = Buffer.from('{"type":"Issue"}');
    const scheme = linear({ secret: key, crypto });
    const { 'Linear-Signature': signature } = await scheme.sign({ body });
    expect(() => new LinearWebhookClient(key).verify(body, signature!)).toThrow('Missing webhook timestamp');
    await expect(scheme.verify({ headers: { 'linear-signature': signature }, body })).rejects.toMatchObject({
      code: 'MALFORMED_HEADER',
    });
  });

  it('verifies bytes that are not UTF-8 inside a JSON string, as the SDK does (both hash raw bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, timestampMs, async (bytes, key, ms) => {
        vi.setSystemTime(ms);
        // The raw bytes go between the quotes of a JSON string; a quote, backslash or control
        // byte would end or break the string, so those are masked out.
        const inner = bytes.map((byte) => (byte < 0x20 || byte === 0x22 || byte === 0x5c ? 0x41 : byte));
        const body = Buffer.concat([
          Buffer.from(`{"webhookTimestamp":${ms},"title":"`),
          inner,
          Buffer.from('"}'),
        ]);
        const scheme = linear({ secret: key, crypto });
        const signed = await scheme.sign({ body });
        await expect(scheme.verify({ headers: signed, body, now: ms })).resolves.toMatchObject({
          timestamp: ms,
        });
        // Unlike the other SDKs, Linear's hashes the Buffer it is given, so it agrees here.
        expect(new LinearWebhookClient(key).verify(body, signed['Linear-Signature']!)).toBe(true);
        const signature = linearSignature(key, body);
        await expect(
          scheme.verify({ headers: { 'linear-signature': signature }, body, now: ms }),
        ).resolves.toMatchObject({ secretIndex: 0 });
      }),
      { numRuns: RUNS },
    );
  });
});
