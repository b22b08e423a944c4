import type { CryptoProvider, HashAlgorithm, SignedParts } from './crypto-provider.js';
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
 * Resolves with the index of the first key whose MAC over `parts` equals one of `candidates`
 * (constant time, see {@link matchHmac}); throws `INVALID_SIGNATURE` with `mismatch` otherwise.
 */
export async function verifyHmac(
  spec: HmacSpec,
  request: SignedRequest,
  parts: SignedParts,
  candidates: readonly string[],
  mismatch: string,
): Promise<number> {
  const secretIndex = await matchHmac({
    crypto: spec.crypto,
    algorithm: spec.algorithm,
    encoding: spec.encoding,
    keys: await spec.keyring.keys(request),
    parts,
    candidates,
  });
  if (secretIndex < 0) throw new WebhookError('INVALID_SIGNATURE', mismatch);
  return secretIndex;
}

/** The encoded MAC over `parts` with the first configured key (the one that signs). */
export async function signHmac(spec: HmacSpec, input: SignInput, parts: SignedParts): Promise<string> {
  // A per-tenant secret function sees the body and URL being signed; there are no headers yet.
  const [key] = await spec.keyring.keys({ headers: {}, body: input.body, url: input.url });
  return encodeSignature(await spec.crypto.hmac(spec.algorithm, key!, parts), spec.encoding);
}
