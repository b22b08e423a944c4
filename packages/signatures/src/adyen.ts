import { objectAt, parseJsonObject, signsInBody } from './body-json.js';
import type { KeyMaterial } from './crypto-provider.js';
import { fromHex, toBytes, toHex } from './encoding.js';
import { WebhookError } from './errors.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
import { createKeyring } from './secrets.js';
import type { Scheme, SignedRequest } from './types.js';

/** Options of {@link adyen}. `secret` is the webhook's HMAC key, in hex, from the Customer Area. */
export interface AdyenOptions extends HmacSchemeOptions {}

/**
 * Adyen standard webhooks: each `notificationItems[].NotificationRequestItem` carries its own
 * `additionalData.hmacSignature`, the base64 HMAC-SHA256, keyed with the hex-decoded HMAC key,
 * of `pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success`
 * (absent fields empty; docs.adyen.com/development-resources/webhooks/secure-webhooks/
 * verify-hmac-signatures, and the `HmacValidator` of @adyen/api-library, which joins these
 * fields without escaping; the `\\` and `\:` escaping of Adyen's docs is for the sorted
 * key-value form, not these notifications). Every item must verify, and none may appear twice.
 * Nothing else in the body is signed, and no time is: the items' signatures, in any order, are
 * the replay key. An item captured from a batch and resent alone is a new key, so do as Adyen
 * asks and also de-duplicate on `pspReference` and `eventCode` in the handler (Adyen sends one
 * item per notification today). Answer `[accepted]`: the receiver does.
 *
 * @example
 * ```ts
 * const scheme = adyen({ secret: process.env.ADYEN_HMAC_KEY! });
 * ```
 */
export function adyen(options: AdyenOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, hexKey, 'Adyen HMAC key'),
    algorithm: 'sha256',
    encoding: 'base64',
  };
  return {
    name: 'adyen',
    async verify(request) {
      const items = notificationItems(request.body);
      const signatures: string[] = [];
      let secretIndex = -1;
      for (const item of items) {
        const signature = objectAt(item, 'additionalData')?.hmacSignature;
        if (typeof signature !== 'string' || signature === '') {
          throw new WebhookError(
            'INVALID_PAYLOAD',
            'a NotificationRequestItem has no additionalData.hmacSignature',
          );
        }
        const found = await verifyHmac(
          spec,
          request,
          [signingString(item)],
          [signature],
          'an additionalData.hmacSignature does not match; check the HMAC key of this webhook (hex, from the Customer Area)',
        );
        // Every item must be signed with the same key: a batch cannot mix a rotated-out one.
        if (secretIndex >= 0 && found !== secretIndex) {
          throw new WebhookError(
            'INVALID_SIGNATURE',
            'the items of this batch are signed with different keys',
          );
        }
        secretIndex = found;
        // Adyen signs no timestamp: a captured item sent twice in one batch must not pass as new.
        if (signatures.includes(signature)) {
          throw new WebhookError('INVALID_PAYLOAD', 'a NotificationRequestItem appears twice in this batch');
        }
        signatures.push(signature);
      }
      // In any order: the same items reordered are the same batch. Hashed: the joined list would
      // hold whole item signatures, and receivers show and store the first half of a key.
      const joined = toBytes(signatures.sort().join(','));
      const contentKey = toHex(await spec.crypto.digest('sha256', joined));
      return { scheme: 'adyen', secretIndex, contentKey };
    },
    async sign() {
      throw signsInBody('adyen');
    },
    async signBody(input) {
      const payload = parseJsonObject(input.body, 'Adyen');
      for (const item of notificationItems(input.body, payload)) {
        const additionalData = objectAt(item, 'additionalData') ?? {};
        additionalData.hmacSignature = await signHmac(spec, input, [signingString(item)]);
        item.additionalData = additionalData;
      }
      return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
    },
  };
}

const hexKey = (secret: string): KeyMaterial => {
  const bytes = secret.length > 0 ? fromHex(secret) : undefined;
  if (!bytes)
    throw new WebhookError('INVALID_SECRET', 'the Adyen HMAC key is not hex; copy it from the Customer Area');
  return { bytes };
};

function notificationItems(
  body: SignedRequest['body'],
  payload = parseJsonObject(body, 'Adyen'),
): Record<string, unknown>[] {
  const list = payload.notificationItems;
  if (!Array.isArray(list) || list.length === 0) {
    throw new WebhookError(
      'INVALID_PAYLOAD',
      'the body has no notificationItems; Adyen signs each item inside the body',
    );
  }
  return list.map((entry) => {
    const item = objectAt(entry, 'NotificationRequestItem');
    if (!item)
      throw new WebhookError('INVALID_PAYLOAD', 'a notificationItems entry has no NotificationRequestItem');
    return item;
  });
}

/** The colon-joined fields of one item, as Adyen signs them (absent fields empty). */
function signingString(item: Record<string, unknown>): string {
  const amount = objectAt(item, 'amount');
  return [
    item.pspReference,
    item.originalReference,
    item.merchantAccountCode,
    item.merchantReference,
    amount?.value,
    amount?.currency,
    item.eventCode,
    item.success,
  ]
    .map(text)
    .join(':');
}

/**
 * A field as JavaScript's `Array.join` writes it (what Adyen's library signs): null and undefined
 * empty. Adyen's fields are strings, numbers and booleans; anything else (an object, which
 * `String` may even fail on) is not a notification.
 */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new WebhookError(
    'INVALID_PAYLOAD',
    'a signed NotificationRequestItem field is not a string, number or boolean',
  );
}
