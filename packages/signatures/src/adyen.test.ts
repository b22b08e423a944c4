import { createHash } from 'node:crypto';
import { hmacValidator as HmacValidator } from '@adyen/api-library';
import { describe, expect, it } from 'vitest';
import { adyen } from './adyen.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders } from './test-support/vectors.js';

// The HMAC key and notification of Adyen's "Verify HMAC signatures" example, whose
// hmacSignature @adyen/api-library's HmacValidator also computes.
const KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const SIGNATURE = 'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=';
const item = (hmacSignature = SIGNATURE, overrides: Record<string, unknown> = {}) => ({
  NotificationRequestItem: {
    additionalData: { hmacSignature },
    amount: { currency: 'EUR', value: 1130 },
    eventCode: 'AUTHORISATION',
    eventDate: '2026-01-01T00:00:00+01:00',
    merchantAccountCode: 'TestMerchant',
    merchantReference: 'TestPayment-1407325143704',
    pspReference: '7914073381342284',
    success: 'true',
    ...overrides,
  },
});
const body = (...items: unknown[]) => JSON.stringify({ live: 'false', notificationItems: items });
const validator = new HmacValidator();

describe.each(cryptoProviders)('adyen with $name crypto', ({ provider: crypto }) => {
  const scheme = adyen({ secret: [KEY, 'AB'.repeat(32)], crypto });

  it("verifies Adyen's example, whose signature the official library computes too", async () => {
    expect(validator.calculateHmac(item().NotificationRequestItem as never, KEY)).toBe(SIGNATURE);
    await expect(scheme.verify({ headers: {}, body: body(item()) })).resolves.toEqual({
      scheme: 'adyen',
      secretIndex: 0,
      // The SHA-256 of the item signatures, never a signature itself (receivers show half a key).
      contentKey: createHash('sha256').update(SIGNATURE).digest('hex'),
    });
  });

  it('signs items that the official HmacValidator accepts', async () => {
    const signed = await scheme.signBody!({
      body: body(item(''), item('', { pspReference: 'X:Y\\Z', amount: { value: 5, currency: 'USD' } })),
    });
    const items = JSON.parse(signed.body).notificationItems;
    for (const entry of items) expect(validator.validateHMAC(entry.NotificationRequestItem, KEY)).toBe(true);
    await expect(scheme.verify({ headers: {}, body: signed.body })).resolves.toMatchObject({
      secretIndex: 0,
    });
    await expectWebhookError(scheme.sign({ body: body(item()) }), 'INVALID_SECRET');
  });

  it('refuses another key, a changed signed field, and a batch with one bad item', async () => {
    await expectWebhookError(
      adyen({ secret: 'CD'.repeat(32), crypto }).verify({ headers: {}, body: body(item()) }),
      'INVALID_SIGNATURE',
      [KEY],
    );
    await expectWebhookError(
      scheme.verify({
        headers: {},
        body: body(item(SIGNATURE, { amount: { value: 11300, currency: 'EUR' } })),
      }),
      'INVALID_SIGNATURE',
    );
    await expectWebhookError(
      scheme.verify({ headers: {}, body: body(item(), item(SIGNATURE, { pspReference: 'other' })) }),
      'INVALID_SIGNATURE',
    );
  });

  it('refuses a body without items or signatures, and a key that is not hex', async () => {
    for (const bad of [
      '',
      'not json',
      '[]',
      '{"notificationItems":[]}',
      '{"notificationItems":[{}]}',
      body(item('')),
      body({ NotificationRequestItem: { success: 'true' } }),
    ]) {
      await expectWebhookError(scheme.verify({ headers: {}, body: bad }), 'INVALID_PAYLOAD');
    }
    expect(() => adyen({ secret: 'not-hex' })).toThrow(/hex/);
  });

  it('refuses a signed field of another JSON type and an item sent twice, with INVALID_PAYLOAD', async () => {
    await expectWebhookError(
      scheme.verify({ headers: {}, body: body(item(SIGNATURE, { pspReference: { toString: 1 } })) }),
      'INVALID_PAYLOAD',
    );
    await expectWebhookError(scheme.verify({ headers: {}, body: body(item(), item()) }), 'INVALID_PAYLOAD');
  });

  it('keys a batch by its items whatever their order (a reordered replay is the same delivery)', async () => {
    const other = item('', { pspReference: '8815000000000001', merchantReference: 'Other' });
    const signed = JSON.parse((await scheme.signBody!({ body: body(item(), other) })).body) as {
      notificationItems: unknown[];
    };
    const [first, second] = signed.notificationItems;
    const keyOf = async (...items: unknown[]) =>
      (await scheme.verify({ headers: {}, body: body(...items) })).contentKey;
    expect(await keyOf(first, second)).toBe(await keyOf(second, first));
    expect(await keyOf(first)).not.toBe(await keyOf(first, second));
  });

  it('does not sign eventDate or other fields (documented): a changed eventDate still verifies', async () => {
    await expect(
      scheme.verify({ headers: {}, body: body(item(SIGNATURE, { eventDate: '2030-01-01' })) }),
    ).resolves.toBeDefined();
  });
});
