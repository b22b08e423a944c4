import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import type { SignatureEncoding } from './hmac-match.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import type { Scheme, SchemeHandshake } from './types.js';

/** What tells one body-HMAC sender from another (`HMAC-SHA256(secret, raw body)` in a header). */
export interface BodyHmacSpec {
  name: string;
  /** What the secret is called in messages, for example `Meta app secret`. */
  secretLabel: string;
  header: string;
  /** Text before the signature, for example `sha256=`; the header must start with it. */
  prefix: string;
  encoding: SignatureEncoding;
  /** The header with the sender's delivery id, reported as `id` (not signed). */
  idHeader?: string | undefined;
  /** The sender's challenges, built with the scheme's HMAC (CRC answers are MACs too). */
  handshake?: ((hmac: HmacSpec) => SchemeHandshake) | undefined;
}

/**
 * The scheme of a sender that signs the raw body alone with HMAC-SHA256 keyed with the
 * secret's UTF-8 bytes. The signature is compared in its canonical form (lower-case hex,
 * padded base64), as the senders write it, so it is the delivery's replay key.
 */
export function createBodyHmacScheme(spec: BodyHmacSpec, options: HmacSchemeOptions): Scheme {
  const hmac: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, spec.secretLabel),
    algorithm: 'sha256',
    encoding: spec.encoding,
  };
  const mismatch = `${spec.header} does not match the raw body; pass the body bytes exactly as received and the ${spec.secretLabel}`;
  return {
    name: spec.name,
    handshake: spec.handshake?.(hmac),
    async verify(request) {
      const header = requireHeader(request.headers, spec.header);
      if (!header.startsWith(spec.prefix)) {
        throw new WebhookError('MALFORMED_HEADER', `${spec.header} does not start with ${spec.prefix}`);
      }
      const signature = header.slice(spec.prefix.length);
      if (signature === '') throw new WebhookError('MALFORMED_HEADER', `${spec.header} has no signature`);
      const found = verifyHmac(hmac, request, [request.body], [signature], mismatch);
      const secretIndex = typeof found === 'number' ? found : await found;
      const id = spec.idHeader === undefined ? undefined : getHeader(request.headers, spec.idHeader);
      return { scheme: spec.name, id, secretIndex, contentKey: signature };
    },
    async sign(input) {
      const signature = await signHmac(hmac, input, [input.body]);
      return { [spec.header]: spec.prefix + signature };
    },
  };
}
