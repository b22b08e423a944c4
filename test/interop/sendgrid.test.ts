import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { sendgrid } from '@hookgate/signatures';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largeJsonBody, providers, RUNS, textBody, timestamp, utf8 } from './arbitraries.js';

// Byte compatibility with @sendgrid/eventwebhook 8.0.0 `verifySignature`, both ways. The SDK
// only verifies; the SendGrid side signs with node:crypto P-256 keys made here (DER, base64).
// The SDK turns a Buffer body into a string first, so bodies are UTF-8 text here; our own
// tests cover bodies that are not. The SDK checks no time, so the clock is the signed one.

const SIGNATURE = EventWebhookHeader.SIGNATURE();
const TIMESTAMP = EventWebhookHeader.TIMESTAMP();
const RUNS_ECDSA = Math.min(RUNS, 50); // the SDK's ECDSA is pure JavaScript, and slow

interface KeyPair {
  publicKey: string;
  privateKey: string;
  privateKeyObject: KeyObject;
}

// PKCS#8 of a P-256 key that holds only the private scalar (RFC 5915); OpenSSL derives the rest.
const PKCS8_SCALAR_PREFIX = Buffer.from(
  '3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420',
  'hex',
);
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A key pair from a random scalar, so that fast-check can replay and shrink a failure. */
function p256KeyPair(scalar?: Uint8Array): KeyPair {
  const privateKey = scalar
    ? createPrivateKey({ key: Buffer.concat([PKCS8_SCALAR_PREFIX, scalar]), format: 'der', type: 'pkcs8' })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    privateKeyObject: privateKey,
  };
}

/** What SendGrid sends: base64 DER ECDSA over the timestamp followed by the body. */
function sendgridSign(keys: KeyPair, body: string, ts: string): string {
  return sign('sha256', Buffer.from(ts + body), { key: keys.privateKeyObject, dsaEncoding: 'der' }).toString(
    'base64',
  );
}

function sdkVerify(keys: KeyPair, body: string, signature: string, ts: string): boolean {
  const webhook = new EventWebhook();
  return webhook.verifySignature(webhook.convertPublicKeyToECDSA(keys.publicKey), body, signature, ts);
}

const keyPair = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((bytes) => {
    const d = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
    return d > 0n && d < N;
  })
  .map((bytes) => p256KeyPair(bytes));

describe.each(providers)('sendgrid interop with $name crypto', ({ crypto }) => {
  it('signs what the SDK verifies', async () => {
    await fc.assert(
      fc.asyncProperty(keyPair, textBody, timestamp, async (keys, body, ts) => {
        const headers = await sendgrid({ ...keys, crypto }).sign({ body: utf8(body), timestamp: ts });
        expect(headers[TIMESTAMP]).toBe(String(ts));
        expect(sdkVerify(keys, body, headers[SIGNATURE]!, String(ts))).toBe(true);
        expect(sdkVerify(keys, `${body} `, headers[SIGNATURE]!, String(ts))).toBe(false);
      }),
      { numRuns: RUNS_ECDSA },
    );
  });

  it('verifies what a node:crypto SendGrid signs, as the SDK does', async () => {
    await fc.assert(
      fc.asyncProperty(keyPair, textBody, timestamp, async (keys, body, ts) => {
        const signature = sendgridSign(keys, body, String(ts));
        expect(sdkVerify(keys, body, signature, String(ts))).toBe(true);
        const headers = { [SIGNATURE]: signature, [TIMESTAMP]: String(ts) };
        await expect(
          sendgrid({ publicKey: keys.publicKey, crypto }).verify({
            headers,
            body: utf8(body),
            now: ts * 1000,
          }),
        ).resolves.toEqual({ scheme: 'sendgrid', timestamp: ts, secretIndex: 0 });
      }),
      { numRuns: RUNS_ECDSA },
    );
  });

  it('refuses what the SDK refuses: another body, timestamp or key', async () => {
    await fc.assert(
      fc.asyncProperty(
        keyPair,
        keyPair,
        textBody,
        textBody,
        timestamp,
        async (keys, other, body, sent, ts) => {
          const signature = sendgridSign(keys, body, String(ts));
          for (const [pair, received, receivedTs] of [
            [keys, sent, ts],
            [keys, body, ts + 1],
            [other, body, ts],
          ] as const) {
            const sdk = sdkVerify(pair, received, signature, String(receivedTs));
            const headers = { [SIGNATURE]: signature, [TIMESTAMP]: String(receivedTs) };
            const ours = await sendgrid({ publicKey: pair.publicKey, crypto })
              .verify({ headers, body: utf8(received), now: ts * 1000 })
              .then(
                () => true,
                (error: { code?: string }) => {
                  expect(error.code).toBe('INVALID_SIGNATURE');
                  return false;
                },
              );
            expect(ours).toBe(sdk);
          }
        },
      ),
      { numRuns: Math.ceil(RUNS_ECDSA / 2) },
    );
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const keys = p256KeyPair();
    const body = largeJsonBody(4);
    const ts = '1700000000';
    const scheme = sendgrid({ ...keys, crypto });
    const headers = await scheme.sign({ body: utf8(body), timestamp: Number(ts) });
    expect(sdkVerify(keys, body, headers[SIGNATURE]!, ts)).toBe(true);
    const signature = sendgridSign(keys, body, ts);
    await expect(
      scheme.verify({
        headers: { [SIGNATURE]: signature, [TIMESTAMP]: ts },
        body: utf8(body),
        now: Number(ts) * 1000,
      }),
    ).resolves.toMatchObject({ secretIndex: 0 });
  });
});
