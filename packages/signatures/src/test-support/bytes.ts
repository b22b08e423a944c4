/** Bytes that are not valid UTF-8 (a lone 0xff, an overlong encoding, a truncated sequence). */
export const NON_UTF8 = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc0, 0xaf, 0xe2, 0x82);

/** A copy of `body` with one bit of byte `index` flipped: the smallest possible tampering. */
export function flipByte(body: Uint8Array, index: number): Uint8Array {
  const copy = body.slice();
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}
