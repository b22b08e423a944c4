import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';
import { sendgrid } from './sendgrid.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { describePublicKeySuite } from './test-support/public-key-suite.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'sendgrid-sdk-test')!;
const OFFICIAL_KEY = official.secret;
const OFFICIAL_T = Number(official.headers['X-Twilio-Email-Event-Webhook-Timestamp']);
const SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
const TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';
// The order of P-256 (SEC 2 §2.4.2).
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function p256KeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const bigOf = (bytes: Uint8Array) => bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
const bytes32 = (value: bigint) => Uint8Array.from(Buffer.from(value.toString(16).padStart(64, '0'), 'hex'));

/** The same r and s in a non-minimal DER: a redundant zero byte before r. */
function nonCanonical(signature: string): string {
  const raw = ecdsaDerToRaw(bytesOf(signature))!;
  const der = ecdsaRawToDer(raw);
  const rLength = der[3]!;
  const out = Uint8Array.of(0x30, der[1]! + 1, 0x02, rLength + 1, 0x00, ...der.subarray(4));
  return b64(out);
}

const KEYS = p256KeyPair();
const OTHER_KEYS = p256KeyPair();

describe.each(cryptoProviders)('sendgrid with $name crypto', ({ provider: crypto }) => {
  describePublicKeySuite(
    {
      name: 'sendgrid',
      create: sendgrid,
      keys: KEYS,
      otherKeys: OTHER_KEYS,
      signatureHeader: SIGNATURE_HEADER,
      timestampHeader: TIMESTAMP_HEADER,
      garble: (signature) => {
        const der = bytesOf(signature);
        return [
          'not base64!',
          b64(ecdsaDerToRaw(der)!),
          b64(der.subarray(0, der.length - 1)),
          b64(Uint8Array.of(...der, 0)),
          nonCanonical(signature),
          b64(Uint8Array.of(0x31, ...der.subarray(1))),
          signature.slice(4),
        ];
      },
    },
    crypto,
  );

  describe('the official vector', () => {
    const scheme = sendgrid({ publicKey: OFFICIAL_KEY, crypto });
    const request = (now: number, body: Uint8Array = vectorBody(official)) => ({
      headers: official.headers,
      body,
      now: now * 1000,
    });

    it('verifies, at its time and 300 s either side', async () => {
      for (const now of [OFFICIAL_T, OFFICIAL_T + 300, OFFICIAL_T - 300]) {
        await expect(scheme.verify(request(now))).resolves.toEqual({
          scheme: 'sendgrid',
          timestamp: OFFICIAL_T,
          secretIndex: 0,
        });
      }
    });

    it('is refused 301 s either side', async () => {
      await expectWebhookError(scheme.verify(request(OFFICIAL_T + 301)), 'TIMESTAMP_OUT_OF_RANGE');
      await expectWebhookError(scheme.verify(request(OFFICIAL_T - 301)), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('fails with the last body byte changed', async () => {
      const body = vectorBody(official).slice();
      body[body.length - 1] = body[body.length - 1]! ^ 1;
      await expectWebhookError(scheme.verify(request(OFFICIAL_T, body)), 'INVALID_SIGNATURE', [
        OFFICIAL_KEY,
        official.headers[SIGNATURE_HEADER]!,
      ]);
    });

    it('accepts the key in PEM armour, with line breaks', async () => {
      const pem = `-----BEGIN PUBLIC KEY-----\n${OFFICIAL_KEY.slice(0, 64)}\n${OFFICIAL_KEY.slice(64)}\n-----END PUBLIC KEY-----\n`;
      await expect(sendgrid({ publicKey: pem, crypto }).verify(request(OFFICIAL_T))).resolves.toBeDefined();
    });

    it('accepts the high-S twin of the signature on both providers (ECDSA, unlike Ed25519, has one)', async () => {
      const raw = ecdsaDerToRaw(bytesOf(official.headers[SIGNATURE_HEADER]!))!;
      const twin = Uint8Array.of(...raw.subarray(0, 32), ...bytes32(N - bigOf(raw.subarray(32))));
      const headers = { ...official.headers, [SIGNATURE_HEADER]: b64(ecdsaRawToDer(twin)) };
      await expect(scheme.verify({ ...request(OFFICIAL_T), headers })).resolves.toBeDefined();
    });
  });

  describe('keys', () => {
    it('refuses a verification key that is not an uncompressed P-256 point in SPKI', () => {
      const der = bytesOf(OFFICIAL_KEY);
      const offCurve = der.slice();
      offCurve[90] = offCurve[90]! ^ 1;
      const xTooBig = der.slice();
      xTooBig.fill(0xff, 27, 59);
      const compressed = Uint8Array.of(
        ...Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'),
        0x02 + (der[90]! & 1),
        ...der.subarray(27, 59),
      );
      const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
      const ed25519 = generateKeyPairSync('ed25519').publicKey;
      for (const publicKey of [
        'not base64!',
        '',
        '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----',
        b64(der.subarray(0, 90)),
        b64(offCurve),
        b64(xTooBig),
        b64(compressed),
        p384.export({ format: 'der', type: 'spki' }).toString('base64'),
        ed25519.export({ format: 'der', type: 'spki' }).toString('base64'),
        Buffer.from(OFFICIAL_KEY).toString('hex'),
      ]) {
        expectThrowsWebhookError(() => sendgrid({ publicKey, crypto }), 'INVALID_SECRET', [OFFICIAL_KEY]);
      }
    });

    it('refuses a private key that is not base64 DER, at once or when it signs', async () => {
      for (const privateKey of ['not base64!', 'AAAA']) {
        expectThrowsWebhookError(() => sendgrid({ ...KEYS, privateKey, crypto }), 'INVALID_SECRET', [
          KEYS.privateKey,
        ]);
      }
      const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
      for (const privateKey of ['MAA=', ed25519.toString('base64')]) {
        const scheme = sendgrid({ ...KEYS, privateKey, crypto });
        await expectWebhookError(scheme.sign({ body: '[]' }), 'INVALID_SECRET', [privateKey]);
      }
    });

    it('signs in DER, canonical and base64', async () => {
      const scheme = sendgrid({ ...KEYS, crypto });
      const headers = await scheme.sign({ body: '[]', timestamp: OFFICIAL_T });
      const der = bytesOf(headers[SIGNATURE_HEADER]!);
      expect(ecdsaRawToDer(ecdsaDerToRaw(der)!)).toEqual(der);
      expect(headers[TIMESTAMP_HEADER]).toBe(String(OFFICIAL_T));
    });
  });
});
