import { getHeader, stripe } from '@hookgate/signatures';
import fc from 'fast-check';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  asciiJson,
  isUtf8,
  jsonBody,
  largeJsonBody,
  nonUtf8Body,
  providers,
  RUNS,
  textBody,
  timestamp,
  utf8,
} from './arbitraries.js';

// Byte compatibility with stripe-node 23 (`generateTestHeaderString`, `verifyHeader`,
// `constructEvent`), in both directions. Stripe keys the HMAC with the whole `whsec_…` string.
const sdk = new Stripe('sk_test_interop').webhooks;
const secret = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `whsec_${s}`);

function header(headers: Record<string, string>): string {
  return getHeader(headers, 'stripe-signature')!;
}

describe.each(providers)('stripe interop with $name crypto', ({ crypto }) => {
  it('verifies what stripe-node signs', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, t) => {
        const signed = sdk.generateTestHeaderString({ payload: body, secret: key, timestamp: t });
        const result = await stripe({ secret: key, crypto }).verify({
          headers: { 'Stripe-Signature': signed },
          body: utf8(body),
          now: t * 1000,
        });
        expect(result).toEqual({ scheme: 'stripe', timestamp: t, secretIndex: 0, version: 'v1' });
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what stripe-node verifies (verifyHeader; it refuses an empty payload)', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, t) => {
        const signed = header(await stripe({ secret: key, crypto }).sign({ body, timestamp: t }));
        if (body === '') {
          expect(() => sdk.signature!.verifyHeader(body, signed, key, 300, undefined, t * 1000)).toThrow(
            'No webhook payload was provided.',
          );
          return;
        }
        expect(sdk.signature!.verifyHeader(body, signed, key, 300, undefined, t * 1000)).toBe(true);
        expect(sdk.signature!.verifyHeader(Buffer.from(body), signed, key, 300, undefined, t * 1000)).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('signs JSON that stripe-node constructEvent accepts and parses', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonBody, asciiJson), secret, timestamp, async (body, key, t) => {
        const signed = header(await stripe({ secret: key, crypto }).sign({ body: utf8(body), timestamp: t }));
        const event = sdk.constructEvent(body, signed, key, 300, undefined, t * 1000);
        expect(event).toEqual(JSON.parse(body));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with stripe-node on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const key = 'whsec_large_body_secret';
    const t = 1_700_000_000;
    const sdkHeader = sdk.generateTestHeaderString({ payload: body, secret: key, timestamp: t });
    const scheme = stripe({ secret: key, crypto });
    expect(header(await scheme.sign({ body, timestamp: t }))).toBe(sdkHeader);
    await expect(
      scheme.verify({ headers: { 'stripe-signature': sdkHeader }, body: utf8(body), now: t * 1000 }),
    ).resolves.toMatchObject({ timestamp: t });
    expect(sdk.constructEvent(body, sdkHeader, key, 300, undefined, t * 1000)).toMatchObject({
      id: 'evt_large',
    });
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // stripe-node decodes a Buffer payload with TextDecoder before hashing, so invalid bytes
    // become U+FFFD and such a body can never verify there; hookgate hashes the raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, timestamp, async (body, key, t) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = stripe({ secret: key, crypto });
        const signed = await scheme.sign({ body, timestamp: t });
        await expect(scheme.verify({ headers: signed, body, now: t * 1000 })).resolves.toMatchObject({
          timestamp: t,
        });
        expect(() =>
          sdk.signature!.verifyHeader(Buffer.from(body), header(signed), key, 300, undefined, t * 1000),
        ).toThrow('No signatures found matching');
      }),
      { numRuns: RUNS },
    );
  });
});
