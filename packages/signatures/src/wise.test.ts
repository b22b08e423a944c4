import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';
import { wise } from './wise.js';

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
};
const keys = pair();
const other = pair();
// A transfers#state-change event as Wise's docs show it.
const BODY =
  '{"data":{"resource":{"type":"transfer","id":111,"profile_id":222,"account_id":333},"current_state":"processing","previous_state":"incoming_payment_waiting","occurred_at":"2020-01-01T12:34:56Z"},"subscription_id":"01234567-89ab-cdef-0123-456789abcdef","event_type":"transfers#state-change","schema_version":"2.0.0","sent_at":"2020-01-01T12:34:56Z"}';

describe.each(cryptoProviders)('wise with $name crypto', ({ provider: crypto }) => {
  const scheme = wise({ ...keys, crypto });

  it('verifies a node:crypto RSA-SHA256 signature of the body (Wise docs); ours verifies with node:crypto', async () => {
    const signature = createSign('RSA-SHA256').update(BODY).sign(keys.privateKey, 'base64');
    await expect(
      scheme.verify({ headers: { 'X-Signature-SHA256': signature, 'X-Delivery-Id': 'd-1' }, body: BODY }),
    ).resolves.toEqual({ scheme: 'wise', id: 'd-1', secretIndex: 0 });
    const ours = await scheme.sign({ body: BODY });
    expect(
      createVerify('RSA-SHA256').update(BODY).verify(keys.publicKey, ours['X-Signature-SHA256']!, 'base64'),
    ).toBe(true);
  });

  it('refuses a signature that is not base64 of an RSA signature', async () => {
    for (const bad of ['abc', '!!!!', 'AAAA']) {
      await expectWebhookError(
        scheme.verify({ headers: { 'X-Signature-SHA256': bad }, body: BODY }),
        'MALFORMED_HEADER',
      );
    }
  });

  describeSchemeCases(`wise (${crypto.name})`, {
    scheme,
    wrong: wise({ publicKey: other.publicKey, crypto }),
    body: BODY,
    now: Date.UTC(2026, 0, 1),
    required: ['X-Signature-SHA256'],
  });
});
