import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discord } from './discord.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { describePublicKeySuite } from './test-support/public-key-suite.js';
import { cryptoProviders } from './test-support/vectors.js';

// RFC 8032 §7.1 TEST 1: the key pair SIGNATURES.md §2.8 signs its Discord vector with.
const RFC_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
// discord-interactions-js test utilities: the PING interaction.
const PING =
  '{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}';
const T = 1_700_000_000;

function nodeKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (jwk: string | undefined) => Buffer.from(jwk!, 'base64url').toString('hex');
  return {
    publicKey: raw(publicKey.export({ format: 'jwk' }).x),
    privateKey: raw(privateKey.export({ format: 'jwk' }).d),
  };
}

/** Ed25519 by node:crypto alone, from the hex seed: an independent signer. */
function nodeSign(seedHex: string, message: Buffer): string {
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(seedHex, 'hex'),
  ]);
  return sign(null, message, createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).toString('hex');
}

const KEYS = { publicKey: RFC_PUBLIC, privateKey: RFC_SEED };
const OTHER_KEYS = nodeKeyPair();

describe.each(cryptoProviders)('discord with $name crypto', ({ provider: crypto }) => {
  describePublicKeySuite(
    {
      name: 'discord',
      create: discord,
      keys: KEYS,
      otherKeys: OTHER_KEYS,
      signatureHeader: 'X-Signature-Ed25519',
      timestampHeader: 'X-Signature-Timestamp',
      garble: (signature) => [
        signature.slice(0, 126),
        `${signature}00`,
        `${signature.slice(0, 127)}g`,
        `0x${signature.slice(2)}`,
        ` ${signature.slice(1)}`,
        Buffer.from(signature, 'hex').toString('base64'),
        'zz'.repeat(64),
      ],
    },
    crypto,
  );

  const scheme = discord({ ...KEYS, crypto });

  it('signs as node:crypto does with the RFC 8032 key (Ed25519 is deterministic)', async () => {
    const headers = await scheme.sign({ body: PING, timestamp: T });
    expect(headers).toEqual({
      'X-Signature-Ed25519': nodeSign(RFC_SEED, Buffer.from(`${T}${PING}`)),
      'X-Signature-Timestamp': String(T),
    });
    expect(headers['X-Signature-Ed25519']).toMatch(/^[0-9a-f]{128}$/);
  });

  it('verifies a signature by node:crypto, in upper-case hex too', async () => {
    const signature = nodeSign(RFC_SEED, Buffer.from(`${T}${PING}`));
    for (const value of [signature, signature.toUpperCase()]) {
      const headers = { 'x-signature-ed25519': value, 'x-signature-timestamp': String(T) };
      await expect(scheme.verify({ headers, body: PING, now: T * 1000 })).resolves.toEqual({
        scheme: 'discord',
        timestamp: T,
        secretIndex: 0,
      });
    }
  });

  it('takes the public key in either case', async () => {
    const headers = await scheme.sign({ body: PING, timestamp: T });
    const upper = discord({ publicKey: RFC_PUBLIC.toUpperCase(), crypto });
    await expect(upper.verify({ headers, body: PING, now: T * 1000 })).resolves.toBeDefined();
  });

  it('refuses a public or private key that is not 32 bytes of hex', () => {
    const spki = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(RFC_PUBLIC, 'hex').toString('base64url') },
      format: 'jwk',
    });
    for (const publicKey of [
      RFC_PUBLIC.slice(2),
      `${RFC_PUBLIC}00`,
      `${RFC_PUBLIC.slice(0, 63)}x`,
      Buffer.from(RFC_PUBLIC, 'hex').toString('base64'),
      spki.export({ format: 'der', type: 'spki' }).toString('hex'),
      ` ${RFC_PUBLIC.slice(1)}`,
      '',
    ]) {
      expectThrowsWebhookError(() => discord({ publicKey, crypto }), 'INVALID_SECRET', [RFC_PUBLIC]);
    }
    for (const privateKey of [RFC_SEED.slice(2), `${RFC_SEED}${RFC_PUBLIC}`, 'not hex']) {
      expectThrowsWebhookError(
        () => discord({ publicKey: RFC_PUBLIC, privateKey, crypto }),
        'INVALID_SECRET',
        [RFC_SEED],
      );
    }
  });

  it('refuses a bad key from a lookup when a request needs it', async () => {
    const lookup = discord({ publicKey: async () => 'not a key', crypto });
    const headers = await scheme.sign({ body: PING, timestamp: T });
    await expectWebhookError(lookup.verify({ headers, body: PING, now: T * 1000 }), 'INVALID_SECRET');
  });
});
