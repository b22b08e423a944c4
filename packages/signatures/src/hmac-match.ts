import type { CryptoProvider, HashAlgorithm, KeyMaterial, SignedParts } from './crypto-provider.js';
import { timingSafeEqualString, toBase64, toHex } from './encoding.js';

/** How an HMAC scheme writes its signature. */
export type SignatureEncoding = 'hex' | 'base64';

/** Encodes a computed MAC the way the scheme writes it. */
export function encodeSignature(bytes: Uint8Array, encoding: SignatureEncoding): string {
  return encoding === 'hex' ? toHex(bytes) : toBase64(bytes);
}

/**
 * Finds the first key whose MAC over `parts` equals one of the received signatures, compared
 * in constant time in their canonical text form (lower-case hex, padded base64), as the
 * providers' SDKs compare. Resolves with the key's index, or -1.
 */
export async function matchHmac(options: {
  crypto: CryptoProvider;
  algorithm: HashAlgorithm;
  encoding: SignatureEncoding;
  keys: readonly KeyMaterial[];
  parts: SignedParts;
  candidates: readonly string[];
}): Promise<number> {
  const { crypto, algorithm, encoding, keys, parts, candidates } = options;
  for (let index = 0; index < keys.length; index++) {
    const expected = encodeSignature(await crypto.hmac(algorithm, keys[index]!, parts), encoding);
    let matched = false;
    // Compare with every candidate, without stopping early, so the time does not say which matched.
    for (const candidate of candidates) matched = timingSafeEqualString(expected, candidate) || matched;
    if (matched) return index;
  }
  return -1;
}
