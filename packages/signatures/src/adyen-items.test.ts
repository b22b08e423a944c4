import { hmacValidator as HmacValidator } from '@adyen/api-library';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adyen } from './adyen.js';
import { isWebhookError } from './errors.js';

// Adyen signs each NotificationRequestItem inside the JSON body, over eight of its fields joined
// with `:`. The items are sender-written JSON: properties against @adyen/api-library's
// HmacValidator (the same signature for any field values), a change of any signed field refused,
// a batch read the same in any order, and any other JSON refused with a WebhookError only.

const KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const scheme = adyen({ secret: KEY });
const validator = new HmacValidator();

const SIGNED = [
  'pspReference',
  'originalReference',
  'merchantAccountCode',
  'merchantReference',
  'eventCode',
  'success',
] as const;
const text = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: fc.constantFrom(':', '\\', '"', 'é', '\u2028', '0', ' '), maxLength: 6 }),
);
const item = fc
  .record(
    {
      pspReference: fc.stringMatching(/^[A-Z0-9]{16}$/),
      originalReference: text,
      merchantAccountCode: text,
      merchantReference: text,
      eventCode: fc.oneof(fc.constantFrom('AUTHORISATION', 'REFUND'), text),
      success: fc.constantFrom('true', 'false'),
      amount: fc.record({
        value: fc.integer({ min: 0, max: 1e9 }),
        currency: fc.constantFrom('EUR', 'USD', ''),
      }),
      eventDate: fc.constant('2026-01-01T00:00:00+01:00'),
    },
    { requiredKeys: ['pspReference', 'success', 'amount'] },
  )
  .map((fields) => ({ NotificationRequestItem: fields }));
const batch = fc.uniqueArray(item, {
  minLength: 1,
  maxLength: 4,
  selector: (entry) => entry.NotificationRequestItem.pspReference,
});

async function signed(items: unknown[]) {
  const { body } = await scheme.signBody!({
    body: JSON.stringify({ live: 'false', notificationItems: items }),
  });
  return JSON.parse(body as string) as {
    notificationItems: { NotificationRequestItem: Record<string, unknown> }[];
  };
}

/** `verified`, or the code of the WebhookError the body was refused with (which must not name the key). */
async function verdict(body: string): Promise<string> {
  try {
    await scheme.verify({ headers: {}, body });
    return 'verified';
  } catch (error) {
    if (!isWebhookError(error)) return `not a WebhookError: ${String(error)}`;
    expect(error.message).not.toContain(KEY);
    return error.code;
  }
}

describe('adyen notification items', () => {
  it('signs every item as the official HmacValidator does, and verifies what it signed', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (items) => {
        const payload = await signed(items);
        for (const { NotificationRequestItem: signedItem } of payload.notificationItems) {
          const { hmacSignature } = signedItem.additionalData as { hmacSignature: string };
          expect(validator.calculateHmac(signedItem as never, KEY)).toBe(hmacSignature);
        }
        expect(await verdict(JSON.stringify(payload))).toBe('verified');
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a batch after a change of any signed field, and reads the same batch in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        batch,
        fc.nat(),
        fc.constantFrom(...SIGNED, 'amount.value', 'amount.currency'),
        text,
        async (items, which, field, value) => {
          const payload = await signed(items);
          const reversed = await verdict(
            JSON.stringify({ ...payload, notificationItems: [...payload.notificationItems].reverse() }),
          );
          const original = await verdict(JSON.stringify(payload));
          expect(reversed).toBe(original);

          const target =
            payload.notificationItems[which % payload.notificationItems.length]!.NotificationRequestItem;
          const [head, tail] = field.split('.') as [string, string | undefined];
          const holder = (tail === undefined ? target : target[head]) as Record<string, unknown>;
          const key = tail ?? head;
          // Another value: for the signing string, a missing field and '' are the same.
          fc.pre(String(holder[key] ?? '') !== value);
          holder[key] = value;
          expect(await verdict(JSON.stringify(payload))).toBe('INVALID_SIGNATURE');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses any other JSON with INVALID_PAYLOAD or INVALID_SIGNATURE, never another error', async () => {
    const hostileItem = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({
        NotificationRequestItem: fc.dictionary(
          fc.constantFrom(...SIGNED, 'amount', 'additionalData'),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      }),
    );
    const hostileBody = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        notificationItems: fc.oneof(fc.array(hostileItem, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(hostileBody, async (value) => {
        expect(['INVALID_PAYLOAD', 'INVALID_SIGNATURE']).toContain(
          await verdict(JSON.stringify(value) ?? ''),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('refuses the same signed item twice in one batch (Adyen signs no timestamp)', async () => {
    await fc.assert(
      fc.asyncProperty(item, async (one) => {
        const payload = await signed([one]);
        const twice = {
          ...payload,
          notificationItems: [payload.notificationItems[0], payload.notificationItems[0]],
        };
        expect(await verdict(JSON.stringify(twice))).toBe('INVALID_PAYLOAD');
      }),
      { numRuns: 50 },
    );
  });
});
