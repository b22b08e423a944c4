import { concatBytes, getDefaultCrypto, getHeader, type HeadersInput, toHex } from '@hookgate/signatures';

/**
 * The replay key of a delivery that carries no id: a hash of the scheme name and its
 * signature header(s), so an identical replay is still recognised. When not even those are
 * known (a custom scheme), the body is hashed with them.
 */
export async function fallbackDeliveryId(
  schemeName: string,
  signatureHeaders: readonly string[],
  headers: HeadersInput,
  body: Uint8Array,
): Promise<string> {
  const values = signatureHeaders.map((name) => getHeader(headers, name) ?? '');
  const parts = [schemeName, ...values].join('\n');
  const material = values.some((value) => value !== '')
    ? concatBytes([parts])
    : concatBytes([`${parts}\n`, body]);
  return `sig-${toHex(await getDefaultCrypto().digest('sha256', material))}`;
}
