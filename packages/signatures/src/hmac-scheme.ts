import type { CryptoProvider, HashAlgorithm, KeyMaterial, SignedParts } from './crypto-provider.js';
import { WebhookError } from './errors.js';
import { encodeSignature, matchHmac, type SignatureEncoding } from './hmac-match.js';
import type { Keyring } from './secrets.js';
import type { SignedRequest, SignInput } from './types.js';

/** One HMAC computation of a scheme: which hash, how it is written, with which keys. */
export interface HmacSpec {
  crypto: CryptoProvider;
  keyring: Keyring;
  algorithm: HashAlgorithm;
  encoding: SignatureEncoding;
}

/**
 * The index of the first key whose MAC over `parts` equals one of `candidates` (every key
 * computed and compared in constant time, see {@link matchHmac}); throws `INVALID_SIGNATURE` with `mismatch` otherwise. Gives
 * a plain number when the keys and the hash are synchronous (fixed secrets, `node:crypto`),
 * so the hot path makes no promise; callers await it only when it is one (an `await` of a
 * number still costs a turn of the microtask queue).
 */
export function verifyHmac(
  spec: HmacSpec,
  request: SignedRequest,
  parts: SignedParts,
  candidates: readonly string[],
  mismatch: string,
): number | Promise<number> {
  // No closures and no promise on the synchronous path: this runs once per delivery.
  const keys = spec.keyring.keys(request);
  if (isPromise(keys))
    return keys.then((resolved) => settle(match(spec, resolved, parts, candidates), mismatch));
  return settle(match(spec, keys, parts, candidates), mismatch);
}

function match(
  spec: HmacSpec,
  keys: readonly KeyMaterial[],
  parts: SignedParts,
  candidates: readonly string[],
): number | Promise<number> {
  const { crypto, algorithm, encoding } = spec;
  return matchHmac({ crypto, algorithm, encoding, keys, parts, candidates });
}

function settle(found: number | Promise<number>, mismatch: string): number | Promise<number> {
  return typeof found === 'number' ? check(found, mismatch) : found.then((index) => check(index, mismatch));
}

function check(index: number, mismatch: string): number {
  if (index < 0) throw new WebhookError('INVALID_SIGNATURE', mismatch);
  return index;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function';
}

/** The encoded MAC over `parts` with the first configured key (the one that signs). */
export async function signHmac(spec: HmacSpec, input: SignInput, parts: SignedParts): Promise<string> {
  // A per-tenant secret function sees the body and URL being signed; there are no headers yet.
  const [key] = await spec.keyring.keys({ headers: {}, body: input.body, url: input.url });
  return encodeSignature(await spec.crypto.hmac(spec.algorithm, key!, parts), spec.encoding);
}
