import { fromBase64 } from './encoding.js';

/**
 * The DER bytes of a key given as PEM (`-----BEGIN PUBLIC KEY-----…`, with literal `\n`
 * sequences as environment variables often hold them) or as bare base64 DER; `undefined`
 * when it is neither.
 */
export function derFromPemOrBase64(key: string): Uint8Array | undefined {
  const text = key.replace(/\\n/g, '\n').trim();
  const pem = /^-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----$/.exec(text);
  const body = (pem ? pem[2]! : text).replace(/\s+/g, '');
  return body === '' ? undefined : fromBase64(body);
}
