import { type CryptoProvider, createNodeCrypto, createWebCrypto } from '@hookgate/signatures';
import fc from 'fast-check';

/** Both crypto providers; every interop property runs through each. */
export const providers: readonly { name: string; crypto: CryptoProvider }[] = [
  { name: 'node', crypto: createNodeCrypto()! },
  { name: 'web', crypto: createWebCrypto() },
];

/** Runs per property: enough to hit edge cases, few enough to keep the suite fast. */
export const RUNS = 75;

/** JSON text made of ASCII only (what most providers send). */
export const asciiJson = fc.json({ stringUnit: 'grapheme-ascii', maxDepth: 3 });

/** JSON text whose strings hold any Unicode code point, written as raw UTF-8. */
export const unicodeJson = fc.json({ stringUnit: 'binary', maxDepth: 3 });

/** A JSON body, for SDKs that `JSON.parse` after verifying. */
export const jsonBody = fc.oneof(asciiJson, unicodeJson);

/** Any text body: empty, ASCII JSON, Unicode JSON, or an arbitrary Unicode string. */
export const textBody = fc.oneof(
  fc.constant(''),
  asciiJson,
  unicodeJson,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);

/** Bytes that are never valid anywhere in UTF-8 (RFC 3629 §3: C0, C1, F5–FF). */
const NEVER_UTF8 = [0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff] as const;

/** A body that is not valid UTF-8: random bytes with at least one impossible byte inserted. */
export const nonUtf8Body = fc
  .tuple(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.constantFrom(...NEVER_UTF8))
  .map(([bytes, at, bad]) => {
    const index = at % (bytes.length + 1);
    const out = new Uint8Array(bytes.length + 1);
    out.set(bytes.subarray(0, index), 0);
    out[index] = bad;
    out.set(bytes.subarray(index), index + 1);
    return out;
  });

/** A Standard Webhooks / Svix secret: `whsec_` + base64 of 24–64 random bytes (spec §Signature scheme). */
export const whsecSecret = fc
  .uint8Array({ minLength: 24, maxLength: 64 })
  .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);

/** A timestamp in seconds within a few years of now. */
export const timestamp = fc.integer({ min: 1_500_000_000, max: 2_100_000_000 });

/** A Standard Webhooks message id: printable ASCII, as senders generate. */
export const messageId = fc
  .string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 })
  .map((s) => `msg_${s}`);

/** The UTF-8 bytes of a string, as a receiver gets them off the wire. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A JSON body of about `megabytes` MiB. */
export function largeJsonBody(megabytes: number): string {
  const filler = 'a'.repeat(1024 * 1024 * megabytes);
  return JSON.stringify({ id: 'evt_large', object: 'event', data: { filler, heart: '\u2665' } });
}

/** Whether bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
