import { concatBytes, getDefaultCrypto, toHex, type VerifiedSignature } from '@hookgate/signatures';

/**
 * The replay key of a delivery that has no signed id, derived from what the signature covers
 * so that a replay cannot dodge it by changing an unsigned header (`X-GitHub-Delivery` is not
 * signed) or by re-arranging the signature headers. Where verification found one canonical
 * signature (`verified.contentKey`), that is the key, with no second hash of the body;
 * elsewhere (several signatures per delivery, or Ed25519 and ECDSA signatures, which can be
 * re-encoded) the signed timestamp and body are hashed.
 */
export function contentReplayKey(verified: VerifiedSignature, body: Uint8Array): string | Promise<string> {
  if (verified.contentKey !== undefined) return verified.contentKey;
  const material = concatBytes([`${verified.scheme}\n${verified.timestamp ?? ''}\n`, body]);
  return getDefaultCrypto()
    .digest('sha256', material)
    .then((digest) => `sha256-${toHex(digest)}`);
}
