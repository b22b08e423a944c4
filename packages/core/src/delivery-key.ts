import {
  concatBytes,
  getDefaultCrypto,
  getHeader,
  type HeadersInput,
  type Scheme,
  toHex,
  type VerifiedSignature,
} from '@hookgate/signatures';

/**
 * The replay key of a delivery that has no signed id: derived from what the signature covers,
 * so that a replay cannot dodge it by changing an unsigned header (`X-GitHub-Delivery` is not
 * signed). Where the scheme's signature header is canonical for the signed content (one
 * strictly-compared HMAC), its value is the key, with no extra hashing of the body; elsewhere
 * (Ed25519 and ECDSA signatures can be re-encoded) the signed timestamp and body are hashed.
 */
export async function contentReplayKey(
  scheme: Scheme,
  verified: VerifiedSignature,
  headers: HeadersInput,
  body: Uint8Array,
): Promise<string> {
  const values = (scheme.signatureHeaders ?? []).map((name) => getHeader(headers, name)).filter(Boolean);
  const material =
    values.length > 0
      ? concatBytes([[scheme.name, ...values].join('\n')])
      : concatBytes([`${scheme.name}\n${verified.timestamp ?? ''}\n`, body]);
  return `sha256-${toHex(await getDefaultCrypto().digest('sha256', material))}`;
}
