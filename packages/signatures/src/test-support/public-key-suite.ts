import { describe, expect, it } from 'vitest';
import type { CryptoProvider } from '../crypto-provider.js';
import type { PublicKeySchemeOptions } from '../public-key-scheme.js';
import type { Scheme, SignedRequest } from '../types.js';
import { flipByte } from './bytes.js';
import { expectWebhookError } from './expect-error.js';

/** What the shared cases need to know of a public-key scheme (Discord, SendGrid). */
export interface PublicKeySuite {
  name: string;
  create(options: PublicKeySchemeOptions): Scheme;
  /** Two key pairs in the scheme's configuration format. */
  keys: { publicKey: string; privateKey: string };
  otherKeys: { publicKey: string; privateKey: string };
  signatureHeader: string;
  timestampHeader: string;
  /** Values of the signature header that must be refused as `MALFORMED_HEADER`. */
  garble(signature: string): string[];
}

// Not valid UTF-8 anywhere: a lone continuation byte, an overlong lead, a truncated sequence.
export const NON_UTF8 = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc0, 0xaf, 0xe2, 0x82, 0x7b, 0x7d);
const T = 1_700_000_000;
const BODY = '{"type":1,"text":"héllo wörld 😀"}';

/**
 * The derived negatives every `timestamp ‖ body` public-key scheme must pass, with one crypto
 * provider: body, timestamp and key changes, headers missing, repeated or garbled, the window
 * on both sides and at its boundaries, rotation, and non-UTF-8 bodies.
 */
export function describePublicKeySuite(suite: PublicKeySuite, crypto: CryptoProvider): void {
  const { keys, otherKeys, signatureHeader, timestampHeader } = suite;
  const scheme = suite.create({ ...keys, crypto });
  const secrets = [keys.publicKey, keys.privateKey, otherKeys.publicKey, otherKeys.privateKey];
  const signed = async (body: Uint8Array | string = BODY, timestamp = T) => {
    const headers = await scheme.sign({ body, timestamp });
    return { signature: headers[signatureHeader]!, timestamp: headers[timestampHeader]!, headers };
  };
  const request = (
    signature: string | string[] | undefined,
    timestamp: string | string[] | undefined,
    options: Partial<SignedRequest> = {},
  ): SignedRequest => ({
    headers: { [signatureHeader]: signature, [timestampHeader]: timestamp },
    body: BODY,
    now: T * 1000,
    ...options,
  });

  describe('signing and verifying', () => {
    it('verifies what sign() produced and reports the timestamp', async () => {
      const { signature, timestamp, headers } = await signed();
      expect(Object.keys(headers).sort()).toEqual([signatureHeader, timestampHeader].sort());
      expect(timestamp).toBe(String(T));
      await expect(scheme.verify(request(signature, timestamp))).resolves.toEqual({
        scheme: suite.name,
        timestamp: T,
        secretIndex: 0,
      });
    });

    it('reads headers case-insensitively, from a Web Headers object too', async () => {
      const { signature, timestamp } = await signed();
      const headers = new Headers({
        [signatureHeader.toUpperCase()]: signature,
        [timestampHeader]: timestamp,
      });
      await expect(scheme.verify({ headers, body: BODY, now: T * 1000 })).resolves.toMatchObject({
        timestamp: T,
      });
    });

    it('signs and verifies the raw bytes: empty, multi-byte and non-UTF-8 bodies', async () => {
      for (const body of ['', BODY, new TextEncoder().encode(BODY), NON_UTF8]) {
        const { signature, timestamp } = await signed(body);
        await expect(scheme.verify(request(signature, timestamp, { body }))).resolves.toMatchObject({
          timestamp: T,
        });
      }
    });

    it('signs with the current time when no timestamp is given', async () => {
      const headers = await scheme.sign({ body: BODY });
      const timestamp = Number(headers[timestampHeader]);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(5);
      await expect(scheme.verify({ headers, body: BODY })).resolves.toMatchObject({ timestamp });
    });
  });

  describe('derived negatives', () => {
    it('fails with one body byte changed, non-UTF-8 bodies included', async () => {
      for (const body of [new TextEncoder().encode(BODY), NON_UTF8]) {
        const { signature, timestamp } = await signed(body);
        for (const index of [0, body.length >> 1, body.length - 1]) {
          await expectWebhookError(
            scheme.verify(request(signature, timestamp, { body: flipByte(body, index) })),
            'INVALID_SIGNATURE',
            [...secrets, signature],
          );
        }
      }
    });

    it('fails with a byte added or removed', async () => {
      const { signature, timestamp } = await signed();
      for (const body of [`${BODY} `, BODY.slice(0, -1), `${BODY}\n`]) {
        await expectWebhookError(scheme.verify(request(signature, timestamp, { body })), 'INVALID_SIGNATURE');
      }
    });

    it('fails when the timestamp header is changed, even to the same number written otherwise', async () => {
      const { signature } = await signed();
      for (const timestamp of [String(T + 1), String(T - 1), `0${T}`]) {
        await expectWebhookError(scheme.verify(request(signature, timestamp)), 'INVALID_SIGNATURE');
      }
    });

    it('fails with another key', async () => {
      const { signature, timestamp } = await signed();
      const other = suite.create({ publicKey: otherKeys.publicKey, crypto });
      await expectWebhookError(other.verify(request(signature, timestamp)), 'INVALID_SIGNATURE', [
        ...secrets,
        signature,
      ]);
    });

    it('needs both headers', async () => {
      const { signature, timestamp } = await signed();
      await expectWebhookError(scheme.verify(request(undefined, timestamp)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('', timestamp)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request(signature, undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request(signature, '')), 'MISSING_HEADER');
    });

    it('accepts a header repeated with one value, refuses one repeated with two', async () => {
      const { signature, timestamp } = await signed();
      const { signature: other } = await signed(`${BODY} `);
      await expect(
        scheme.verify(request([signature, signature], [timestamp, timestamp])),
      ).resolves.toBeDefined();
      await expectWebhookError(scheme.verify(request([signature, other], timestamp)), 'MALFORMED_HEADER', [
        ...secrets,
        signature,
        other,
      ]);
      await expectWebhookError(
        scheme.verify(request(signature, [timestamp, String(T + 1)])),
        'MALFORMED_HEADER',
      );
    });

    it('refuses a garbled signature header', async () => {
      const { signature, timestamp } = await signed();
      for (const garbled of suite.garble(signature)) {
        await expectWebhookError(scheme.verify(request(garbled, timestamp)), 'MALFORMED_HEADER', [
          ...secrets,
          signature,
        ]);
      }
    });

    it('refuses a timestamp that is not digits only', async () => {
      const { signature } = await signed();
      for (const timestamp of [
        '1.5',
        '-1',
        '+1700000000',
        ' 1700000000',
        '1700000000 ',
        '1e9',
        '0x10',
        'abc',
      ]) {
        await expectWebhookError(scheme.verify(request(signature, timestamp)), 'MALFORMED_HEADER');
      }
      await expectWebhookError(scheme.verify(request(signature, '1'.repeat(17))), 'MALFORMED_HEADER');
    });
  });

  describe('the timestamp window (300 s both ways by default)', () => {
    const at = async (ts: number, options: Partial<PublicKeySchemeOptions> = {}) => {
      const { signature, timestamp } = await signed(BODY, ts);
      return suite.create({ ...keys, ...options, crypto }).verify(request(signature, timestamp));
    };

    it('accepts exactly 300 s old or ahead, and anything between', async () => {
      for (const ts of [T - 300, T + 300, T, T - 299, T + 299]) {
        await expect(at(ts)).resolves.toMatchObject({ timestamp: ts });
      }
    });

    it('refuses 301 s old or ahead', async () => {
      await expectWebhookError(at(T - 301), 'TIMESTAMP_OUT_OF_RANGE');
      await expectWebhookError(at(T + 301), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('counts whole seconds of the clock', async () => {
      const { signature, timestamp } = await signed(BODY, T - 300);
      await expect(
        scheme.verify(request(signature, timestamp, { now: T * 1000 + 999 })),
      ).resolves.toBeDefined();
      await expectWebhookError(
        scheme.verify(request(signature, timestamp, { now: (T + 1) * 1000 })),
        'TIMESTAMP_OUT_OF_RANGE',
      );
    });

    it('follows tolerance and futureTolerance', async () => {
      await expect(at(T - 10, { tolerance: 10 })).resolves.toBeDefined();
      await expect(at(T + 10, { tolerance: 10 })).resolves.toBeDefined();
      await expectWebhookError(at(T - 11, { tolerance: 10 }), 'TIMESTAMP_OUT_OF_RANGE');
      await expectWebhookError(at(T + 11, { tolerance: 10 }), 'TIMESTAMP_OUT_OF_RANGE');
      await expect(at(T + 86_400, { futureTolerance: Number.POSITIVE_INFINITY })).resolves.toBeDefined();
      await expectWebhookError(
        at(T - 301, { futureTolerance: Number.POSITIVE_INFINITY }),
        'TIMESTAMP_OUT_OF_RANGE',
      );
      await expect(at(1, { tolerance: Number.POSITIVE_INFINITY })).resolves.toBeDefined();
    });

    it('checks the signature first: a stale forgery is a bad signature', async () => {
      const { signature } = await signed(BODY, T - 1000);
      await expectWebhookError(scheme.verify(request(signature, String(T - 1001))), 'INVALID_SIGNATURE');
    });
  });

  describe('keys', () => {
    it('rotates: the second public key matches with secretIndex 1', async () => {
      const { signature, timestamp } = await signed();
      const rotating = suite.create({ publicKey: [otherKeys.publicKey, keys.publicKey], crypto });
      await expect(rotating.verify(request(signature, timestamp))).resolves.toMatchObject({ secretIndex: 1 });
    });

    it('looks public keys up per request', async () => {
      const { signature, timestamp } = await signed();
      const lookup = suite.create({
        publicKey: async (req) => (req.url === 'https://a.example/' ? keys.publicKey : [otherKeys.publicKey]),
        crypto,
      });
      await expect(
        lookup.verify(request(signature, timestamp, { url: 'https://a.example/' })),
      ).resolves.toBeDefined();
      await expectWebhookError(
        lookup.verify(request(signature, timestamp, { url: 'https://b.example/' })),
        'INVALID_SIGNATURE',
      );
    });

    it('needs a private key to sign', async () => {
      const verifyOnly = suite.create({ publicKey: keys.publicKey, crypto });
      await expectWebhookError(verifyOnly.sign({ body: BODY }), 'INVALID_SECRET');
    });

    it('signs with the private key that matches its public key only', async () => {
      const mixed = suite.create({ publicKey: keys.publicKey, privateKey: otherKeys.privateKey, crypto });
      const headers = await mixed.sign({ body: BODY, timestamp: T });
      await expectWebhookError(
        scheme.verify({ headers, body: BODY, now: T * 1000 }),
        'INVALID_SIGNATURE',
        secrets,
      );
    });
  });
}
