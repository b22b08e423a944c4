/**
 * Byte encodings shared by every scheme. Node's `Buffer` does the work where it exists; the
 * fallbacks keep the package usable on web-standard runtimes that have no `Buffer`.
 */

type BufferLike = Uint8Array & { toString(encoding: string): string };
interface BufferStatic {
  from(data: string, encoding: string): BufferLike;
  from(data: ArrayBufferLike, offset?: number, length?: number): BufferLike;
}
const NodeBuffer = (globalThis as { Buffer?: BufferStatic }).Buffer;
const textEncoder = new TextEncoder();

/** UTF-8 bytes of a string; bytes are returned as they are. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? textEncoder.encode(data) : data;
}

/** Joins byte arrays and strings (as UTF-8) into one array. */
export function concatBytes(parts: readonly (Uint8Array | string)[]): Uint8Array<ArrayBuffer> {
  const chunks = parts.map(toBytes);
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function asBuffer(bytes: Uint8Array): BufferLike {
  return NodeBuffer!.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** Lower-case hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  if (NodeBuffer) return asBuffer(bytes).toString('hex');
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Standard, padded base64 of some bytes (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return asBuffer(bytes).toString('base64');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes hex (either case); `undefined` when the text is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  if (!HEX.test(text)) return undefined;
  if (NodeBuffer) return new Uint8Array(NodeBuffer.from(text, 'hex'));
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Decodes standard base64. Padding may be omitted (Standard Webhooks secrets are often
 * shared unpadded); anything else that is not base64 gives `undefined`.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const padded = text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
  if (text.length % 4 === 1 || !BASE64.test(padded)) return undefined;
  if (NodeBuffer) return new Uint8Array(NodeBuffer.from(padded, 'base64'));
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Compares two strings in time that depends only on their lengths, which are public (the
 * length of a signature is fixed by its algorithm). Used to compare a received signature with
 * the expected one in its canonical text form, as the providers' SDKs do.
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Compares two byte arrays in time that depends only on their lengths. */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
