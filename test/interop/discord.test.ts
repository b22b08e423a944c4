import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { discord } from '@hookgate/signatures';
import { verifyKey } from 'discord-interactions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largeJsonBody, nonUtf8Body, providers, RUNS, textBody, timestamp, utf8 } from './arbitraries.js';

// Byte compatibility with discord-interactions 4.4.0 `verifyKey`, both ways. The SDK only
// verifies; as in its own tests, the Discord side signs with node:crypto Ed25519 keys made
// here. `verifyKey` hashes the body bytes it is given, so bodies that are not UTF-8 are
// compared too. The SDK checks no time, so the clock is set to the signed timestamp.

const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The hex public key and seed of an Ed25519 key pair from a 32-byte seed. */
function keyPairOf(seed: Uint8Array): { publicKey: string; privateKey: string } {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_SEED_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  return {
    publicKey: Buffer.from(x, 'base64url').toString('hex'),
    privateKey: Buffer.from(seed).toString('hex'),
  };
}

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
const body = fc.oneof(textBody.map(utf8), nonUtf8Body);

const headersOf = (signature: string, ts: string) => ({
  'X-Signature-Ed25519': signature,
  'X-Signature-Timestamp': ts,
});

describe.each(providers)('discord interop with $name crypto', ({ crypto }) => {
  it('signs what verifyKey accepts', async () => {
    await fc.assert(
      fc.asyncProperty(seed, body, timestamp, async (bytes, payload, ts) => {
        const keys = keyPairOf(bytes);
        const headers = await discord({ ...keys, crypto }).sign({ body: payload, timestamp: ts });
        const signature = headers['X-Signature-Ed25519']!;
        await expect(verifyKey(payload, signature, String(ts), keys.publicKey)).resolves.toBe(true);
        const tampered = Uint8Array.of(...payload, 0x20);
        await expect(verifyKey(tampered, signature, String(ts), keys.publicKey)).resolves.toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('verifies what a node:crypto Discord signs, as verifyKey does', async () => {
    await fc.assert(
      fc.asyncProperty(body, timestamp, async (payload, ts) => {
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const publicHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
        const signature = sign(null, Buffer.concat([Buffer.from(String(ts)), payload]), privateKey).toString(
          'hex',
        );
        await expect(verifyKey(payload, signature, String(ts), publicHex)).resolves.toBe(true);
        const scheme = discord({ publicKey: publicHex, crypto });
        await expect(
          scheme.verify({ headers: headersOf(signature, String(ts)), body: payload, now: ts * 1000 }),
        ).resolves.toEqual({ scheme: 'discord', timestamp: ts, secretIndex: 0 });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses what verifyKey refuses: another body, timestamp or key', async () => {
    await fc.assert(
      fc.asyncProperty(seed, seed, body, body, timestamp, async (bytes, otherBytes, payload, sent, ts) => {
        const keys = keyPairOf(bytes);
        const other = keyPairOf(otherBytes);
        const signature = (await discord({ ...keys, crypto }).sign({ body: payload, timestamp: ts }))[
          'X-Signature-Ed25519'
        ]!;
        for (const [key, received, receivedTs] of [
          [keys.publicKey, sent, ts],
          [keys.publicKey, payload, ts + 1],
          [other.publicKey, payload, ts],
        ] as const) {
          const sdk = await verifyKey(received, signature, String(receivedTs), key);
          const ours = await discord({ publicKey: key, crypto })
            .verify({ headers: headersOf(signature, String(receivedTs)), body: received, now: ts * 1000 })
            .then(
              () => true,
              (error: { code?: string }) => {
                expect(error.code).toBe('INVALID_SIGNATURE');
                return false;
              },
            );
          expect(ours).toBe(sdk);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with verifyKey on a multi-megabyte body, both ways', async () => {
    const payload = utf8(largeJsonBody(4));
    const ts = 1_700_000_000;
    const keys = keyPairOf(new Uint8Array(32).fill(7));
    const scheme = discord({ ...keys, crypto });
    const headers = await scheme.sign({ body: payload, timestamp: ts });
    await expect(
      verifyKey(payload, headers['X-Signature-Ed25519']!, String(ts), keys.publicKey),
    ).resolves.toBe(true);
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_SEED_PREFIX, Buffer.from(keys.privateKey, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
    const signature = sign(null, Buffer.concat([Buffer.from(String(ts)), payload]), privateKey).toString(
      'hex',
    );
    expect(signature).toBe(headers['X-Signature-Ed25519']);
    await expect(
      scheme.verify({ headers: headersOf(signature, String(ts)), body: payload, now: ts * 1000 }),
    ).resolves.toMatchObject({
      secretIndex: 0,
    });
  });
});
