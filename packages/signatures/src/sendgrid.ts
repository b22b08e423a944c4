import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';
import { fromBase64, fromHex, timingSafeEqualBytes, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';
import { createPublicKeyScheme, type PublicKeySchemeOptions } from './public-key-scheme.js';
import type { Scheme } from './types.js';

/**
 * Options of {@link sendgrid}. `publicKey` is the verification key shown under Mail Settings →
 * Signed Event Webhook (base64 SPKI DER of a P-256 key; PEM armour is accepted too);
 * `privateKey` a base64 PKCS#8 DER P-256 key, for signing in tests.
 * @default tolerance 300 s, both ways
 */
export interface SendGridOptions extends PublicKeySchemeOptions {}

/**
 * SendGrid Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` is the base64 DER ECDSA
 * P-256/SHA-256 signature of the `X-Twilio-Email-Event-Webhook-Timestamp` value followed by
 * the raw body (`@sendgrid/eventwebhook` `verifySignature`). Neither the SDK nor SendGrid's
 * documentation sets a time window; this scheme refuses a timestamp more than 300 s away from
 * the clock in either direction, the common window (the official vector is checked at its own
 * time). Should retried deliveries arrive with an older timestamp, raise `tolerance`. There is
 * no delivery id header (each event carries `sg_event_id`).
 *
 * @example
 * ```ts
 * const scheme = sendgrid({ publicKey: process.env.SENDGRID_WEBHOOK_PUBLIC_KEY! });
 * await scheme.verify({ headers, body });
 * ```
 */
export function sendgrid(options: SendGridOptions): Scheme {
  return createPublicKeyScheme(
    {
      name: 'sendgrid',
      keyLabel: 'SendGrid verification key',
      algorithm: 'ecdsa-p256',
      signatureHeader: 'X-Twilio-Email-Event-Webhook-Signature',
      timestampHeader: 'X-Twilio-Email-Event-Webhook-Timestamp',
      defaultTolerance: 300,
      decodeSignature: decodeDerSignature,
      signatureShape: 'the base64 of a DER ECDSA P-256 signature',
      encodeSignature: toBase64,
      preparePublicKey: (key) => ({ bytes: decodePublicKey(key) }),
      preparePrivateKey: (key) => ({ bytes: decodePrivateKey(key) }),
      mismatchHint:
        'pass the raw body bytes exactly as received and the verification key of this account (Mail Settings → Signed Event Webhook)',
    },
    options,
  );
}

/**
 * The DER signature, only in its canonical form (minimal integers, 32 bytes each at most).
 * OpenSSL refuses any other encoding while the Web Crypto path converts to `r ‖ s` first and
 * would accept it; requiring the canonical form keeps both providers in agreement.
 */
function decodeDerSignature(header: string): Uint8Array | undefined {
  const der = fromBase64(header);
  const raw = der && ecdsaDerToRaw(der);
  return raw && timingSafeEqualBytes(ecdsaRawToDer(raw), der!) ? der : undefined;
}

// SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } BIT STRING header, then 0x04 (uncompressed).
const P256_SPKI_PREFIX = /* @__PURE__ */ fromHex('3059301306072a8648ce3d020106082a8648ce3d03010703420004')!;
// The curve P-256 (SEC 2 §2.4.2): y² = x³ − 3x + b over the prime field of p.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function decodePublicKey(key: string): Uint8Array {
  const der = decodeArmoured(key, 'PUBLIC KEY');
  const fail = (why: string): never => {
    throw new WebhookError(
      'INVALID_SECRET',
      `the SendGrid verification key ${why}; copy it from Mail Settings → Signed Event Webhook`,
    );
  };
  if (!der) return fail('is not base64');
  if (der.length !== 91 || P256_SPKI_PREFIX.some((byte, i) => der[i] !== byte)) {
    return fail('is not a P-256 public key in SPKI form');
  }
  const x = toBigInt(der.subarray(27, 59));
  const y = toBigInt(der.subarray(59));
  // Checked here so that a damaged key fails at start-up rather than on every delivery.
  if (x >= P || y >= P || (y * y - (x * x * x - 3n * x + B)) % P !== 0n)
    return fail('is not a point of P-256');
  return der;
}

function decodePrivateKey(key: string): Uint8Array {
  const der = decodeArmoured(key, 'PRIVATE KEY');
  // The provider's import checks the rest of the structure, when signing.
  if (der?.[0] !== 0x30)
    throw new WebhookError('INVALID_SECRET', 'the SendGrid private key is not base64 PKCS#8 DER');
  return der;
}

/** Base64 DER, with or without PEM armour and line breaks. */
function decodeArmoured(key: string, label: string): Uint8Array | undefined {
  const body = key
    .replace(`-----BEGIN ${label}-----`, '')
    .replace(`-----END ${label}-----`, '')
    .replace(/\s+/g, '');
  return body === '' ? undefined : fromBase64(body);
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
