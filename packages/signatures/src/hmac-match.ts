import type { CryptoProvider, HashAlgorithm, KeyMaterial, SignedParts } from './crypto-provider.js';
import { timingSafeEqualString, toBase64, toHex } from './encoding.js';

/** How an HMAC scheme writes its signature (`base64url` without padding, as Sanity does). */
export type SignatureEncoding = 'hex' | 'base64' | 'base64url';

/** Encodes a computed MAC the way the scheme writes it. */
export function encodeSignature(bytes: Uint8Array, encoding: SignatureEncoding): string {
  if (encoding === 'hex') return toHex(bytes);
  const base64 = toBase64(bytes);
  return encoding === 'base64' ? base64 : toBase64Url(base64);
}

/** RFC 4648 §5: `-` and `_` for `+` and `/`, no padding (what Node's `base64url` digest gives). */
function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What {@link matchHmac} compares. */
export interface HmacMatch {
  crypto: CryptoProvider;
  algorithm: HashAlgorithm;
  encoding: SignatureEncoding;
  keys: readonly KeyMaterial[];
  parts: SignedParts;
  candidates: readonly string[];
}

/**
 * The index of the first key whose MAC over `parts` equals one of the received signatures, or
 * -1. Every key's MAC is computed and compared, also after a match: stopping at the first
 * would make a genuine delivery answer sooner when it was signed with an earlier secret, so
 * the time would tell which configured secret (during a rotation: the old or the new) signed
 * it. The cost is one HMAC per configured key on every request, as a forgery already costs;
 * with one secret, nothing changes. Compared in constant time in their canonical text form
 * (lower-case hex, padded base64), as the providers' SDKs compare. Synchronous where the
 * provider hashes synchronously (no promise on the hot path), else a promise.
 */
export function matchHmac(match: HmacMatch): number | Promise<number> {
  const { crypto } = match;
  if (!crypto.hmacSync) return matchAsync(match);
  let found = -1;
  for (let index = 0; index < match.keys.length; index++) {
    const expected = crypto.hmacSync(match.algorithm, match.keys[index]!, match.parts, match.encoding);
    // Compared first, then recorded: no key is skipped once one matched.
    if (anyEqual(expected, match.candidates) && found < 0) found = index;
  }
  return found;
}

async function matchAsync(match: HmacMatch): Promise<number> {
  let found = -1;
  for (let index = 0; index < match.keys.length; index++) {
    const mac = await match.crypto.hmac(match.algorithm, match.keys[index]!, match.parts);
    if (anyEqual(encodeSignature(mac, match.encoding), match.candidates) && found < 0) found = index;
  }
  return found;
}

/** Compares with every candidate, without stopping early, so the time does not say which matched. */
function anyEqual(expected: string, candidates: readonly string[]): boolean {
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqualString(expected, candidate) || matched;
  return matched;
}
