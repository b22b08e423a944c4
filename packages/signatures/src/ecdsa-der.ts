/**
 * ECDSA P-256 signatures travel as DER (SendGrid) while Web Crypto speaks the fixed-size
 * `r || s` form of IEEE P1363; these two functions convert between them (RFC 3279 §2.2.3).
 */

const SIZE = 32;

/** DER `SEQUENCE { INTEGER r, INTEGER s }` to 64 raw bytes; `undefined` when it is not one. */
export function ecdsaDerToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(SIZE * 2);
  let offset = 2;
  for (let index = 0; index < 2; index++) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1]!;
    const start = offset + 2;
    if (length === 0 || start + length > der.length) return undefined;
    let value = der.subarray(start, start + length);
    // Strip the sign byte DER adds when the top bit is set; anything longer is not P-256.
    while (value.length > SIZE && value[0] === 0) value = value.subarray(1);
    if (value.length > SIZE) return undefined;
    out.set(value, index * SIZE + (SIZE - value.length));
    offset = start + length;
  }
  return offset === der.length ? out : undefined;
}

/** 64 raw bytes to DER `SEQUENCE { INTEGER r, INTEGER s }`. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const integers = [raw.subarray(0, SIZE), raw.subarray(SIZE)].map((part) => {
    let start = 0;
    while (start < part.length - 1 && part[start] === 0) start++;
    const trimmed = part.subarray(start);
    const needsSign = (trimmed[0]! & 0x80) !== 0;
    const out = new Uint8Array(trimmed.length + (needsSign ? 3 : 2));
    out[0] = 0x02;
    out[1] = trimmed.length + (needsSign ? 1 : 0);
    out.set(trimmed, needsSign ? 3 : 2);
    return out;
  });
  const body = integers[0]!.length + integers[1]!.length;
  const der = new Uint8Array(body + 2);
  der[0] = 0x30;
  der[1] = body;
  der.set(integers[0]!, 2);
  der.set(integers[1]!, 2 + integers[0]!.length);
  return der;
}
