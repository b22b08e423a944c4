import { concatBytes, getDefaultCrypto, toHex, type VerifiedSignature } from '@hookgate/signatures';

/**
 * The replay key of a delivery that has no signed id, derived from what the signature covers
 * so that a replay cannot dodge it by changing an unsigned header (`X-GitHub-Delivery` is not
 * signed) or by re-arranging the signature headers. Where verification found one canonical
 * signature (`verified.contentKey`), the key is the first half of it, with no second hash of
 * the body; elsewhere (several signatures per delivery, or Ed25519 and ECDSA signatures, which
 * can be re-encoded) the signed timestamp and body are hashed.
 *
 * Half, not the whole: the key is stored (Redis, queued jobs) and shown (`ctx.deliveryId` of a
 * sender without ids, logs, spans), and a whole signature there would let whoever reads it
 * replay a delivery of a sender that signs no time (GitHub, Shopify) once its id is forgotten.
 * Half a MAC verifies nothing, and is still a unique key: 128 bits of a SHA-256 one, 80 of SHA-1.
 */
export function contentReplayKey(verified: VerifiedSignature, body: Uint8Array): string | Promise<string> {
  const signature = verified.contentKey;
  if (signature !== undefined) return signature.slice(0, Math.ceil(signature.length / 2));
  const material = concatBytes([`${verified.scheme}\n${verified.timestamp ?? ''}\n`, body]);
  return getDefaultCrypto()
    .digest('sha256', material)
    .then((digest) => `sha256-${toHex(digest)}`);
}
