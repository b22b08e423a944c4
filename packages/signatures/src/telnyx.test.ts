import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { telnyx } from './telnyx.js';
import { describePublicKeySuite } from './test-support/public-key-suite.js';
import { cryptoProviders } from './test-support/vectors.js';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (der: Buffer) => der.subarray(der.length - 32).toString('base64');
  return {
    publicKey: raw(publicKey.export({ format: 'der', type: 'spki' })),
    privateKey: raw(privateKey.export({ format: 'der', type: 'pkcs8' })),
    nodeKey: privateKey,
  };
}

const keys = keyPair();
const other = keyPair();
const BODY = '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4"}}';

describe.each(cryptoProviders)('telnyx with $name crypto', ({ provider: crypto }) => {
  it('verifies a node:crypto Ed25519 signature of timestamp|body (Telnyx docs), and only with the |', async () => {
    const scheme = telnyx({ publicKey: keys.publicKey, crypto });
    const ts = '1700000000';
    const signature = nodeSign(null, Buffer.from(`${ts}|${BODY}`), keys.nodeKey).toString('base64');
    const headers = { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': ts };
    await expect(scheme.verify({ headers, body: BODY, now: 1_700_000_000_000 })).resolves.toEqual({
      scheme: 'telnyx',
      timestamp: 1_700_000_000,
      secretIndex: 0,
    });
    const without = nodeSign(null, Buffer.from(`${ts}${BODY}`), keys.nodeKey).toString('base64');
    await expect(
      scheme.verify({
        headers: { ...headers, 'telnyx-signature-ed25519': without },
        body: BODY,
        now: 1_700_000_000_000,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
  });

  it('refuses keys that are not base64 of 32 bytes at start-up', () => {
    expect(() => telnyx({ publicKey: 'abc', crypto })).toThrow(/32 bytes/);
  });

  describePublicKeySuite(
    {
      name: 'telnyx',
      create: telnyx,
      keys: { publicKey: keys.publicKey, privateKey: keys.privateKey },
      otherKeys: { publicKey: other.publicKey, privateKey: other.privateKey },
      signatureHeader: 'telnyx-signature-ed25519',
      timestampHeader: 'telnyx-timestamp',
      garble: (signature) => [
        signature.slice(0, -4),
        `${signature}AAAA`,
        `${signature.slice(0, -2)}!!`,
        `x${signature}`,
      ],
    },
    crypto,
  );
});
