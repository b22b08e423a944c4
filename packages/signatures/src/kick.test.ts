import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kick } from './kick.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicDer: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

const keys = keyPair();
const other = keyPair();
const ID = '01JGZ5W2Y3V1X0ZQJ9Y7H8K6M4';
const TS = '2025-01-14T16:08:06Z';
const NOW = Date.parse(TS);
const BODY =
  '{"broadcaster":{"user_id":123456789,"username":"broadcaster_name"},"follower":{"user_id":987654321}}';

describe.each(cryptoProviders)('kick with $name crypto', ({ provider: crypto }) => {
  const scheme = kick({ publicKey: keys.publicPem, privateKey: keys.privatePem, crypto });

  it('verifies node:crypto RSA-SHA256 over id.timestamp.body (Kick docs); ours verifies with node:crypto', async () => {
    const signature = createSign('RSA-SHA256').update(`${ID}.${TS}.${BODY}`).sign(keys.privatePem, 'base64');
    const headers = {
      'Kick-Event-Signature': signature,
      'Kick-Event-Message-Id': ID,
      'Kick-Event-Message-Timestamp': TS,
    };
    await expect(scheme.verify({ headers, body: BODY, now: NOW })).resolves.toEqual({
      scheme: 'kick',
      id: ID,
      timestamp: NOW / 1000,
      secretIndex: 0,
    });
    // The key as base64 DER, and as PEM with literal \n (an environment variable), work too.
    for (const publicKey of [keys.publicDer, keys.publicPem.replace(/\n/g, '\\n')]) {
      await expect(
        kick({ publicKey, crypto }).verify({ headers, body: BODY, now: NOW }),
      ).resolves.toBeDefined();
    }
    const ours = await scheme.sign({ body: BODY, id: ID, timestamp: NOW / 1000 });
    expect(ours['Kick-Event-Message-Timestamp']).toBe(TS);
    expect(
      createVerify('RSA-SHA256')
        .update(`${ID}.${TS}.${BODY}`)
        .verify(keys.publicPem, ours['Kick-Event-Signature']!, 'base64'),
    ).toBe(true);
  });

  it('refuses an EC key configured as the RSA key, and unparsable keys at start-up', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
    const signed = await scheme.sign({ body: BODY, timestamp: NOW / 1000 });
    await expectWebhookError(
      kick({ publicKey: ec, crypto }).verify({ headers: signed, body: BODY, now: NOW }),
      'INVALID_SECRET',
    );
    expect(() => kick({ publicKey: '-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----' })).toThrow(
      /PEM/,
    );
  });

  describeSchemeCases(`kick (${crypto.name})`, {
    scheme,
    wrong: kick({ publicKey: other.publicPem, crypto }),
    body: BODY,
    now: NOW,
    tolerance: 300,
    required: ['Kick-Event-Signature', 'Kick-Event-Message-Id', 'Kick-Event-Message-Timestamp'],
  });
});
