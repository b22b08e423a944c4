import type { CryptoProvider, KeyMaterial, SignedParts } from './crypto-provider.js';
import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { cryptoOf, randomId } from './options.js';
import { parseRfc3339 } from './rfc3339.js';
import { createKeyring, type PrepareKey } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme, SecretSource } from './types.js';

/** Options of the public-key schemes that sign `timestamp ‖ body` (Discord, SendGrid). */
export interface PublicKeySchemeOptions extends TimestampOptions {
  /** The sender's public key; several while the sender rotates (any may match); or a lookup. */
  publicKey: SecretSource;
  /** The private key, for signing (tests and simulated senders); verification needs none. */
  privateKey?: string | undefined;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

/** What tells one such scheme from another. */
export interface PublicKeySchemeSpec {
  name: string;
  /** What the public key is called in messages, for example `Discord application public key`. */
  keyLabel: string;
  algorithm: 'ed25519' | 'ecdsa-p256' | 'rsa-sha256';
  signatureHeader: string;
  timestampHeader: string;
  /**
   * The signed delivery id's header, where the sender signs `id ‖ separator ‖ timestamp ‖
   * separator ‖ body` (Kick); the id is then the delivery id.
   */
  idHeader?: string | undefined;
  /** What joins the signed parts (Telnyx `|`, Kick `.`). @default '' */
  separator?: string | undefined;
  /** How the timestamp header is written. @default 'unix' (seconds) */
  timestampFormat?: 'unix' | 'rfc3339' | undefined;
  /** The tolerance in seconds when the options set none. */
  defaultTolerance: number;
  /** The signature bytes of the header, or `undefined` when it has not the expected shape. */
  decodeSignature(header: string): Uint8Array | undefined;
  /** How the expected shape reads in a message, for example `128 hex characters`. */
  signatureShape: string;
  encodeSignature(bytes: Uint8Array): string;
  preparePublicKey: PrepareKey;
  preparePrivateKey: PrepareKey;
  /** The end of the `INVALID_SIGNATURE` message: what to check. */
  mismatchHint: string;
}

/**
 * Builds a scheme that verifies `signatureHeader` over the UTF-8 `timestampHeader` value
 * followed by the raw body (with the spec's id and separator, where it has them), with any of
 * the public keys; then checks the timestamp, after the
 * signature as every scheme here does, so a stale genuine delivery reads as stale.
 */
export function createPublicKeyScheme(spec: PublicKeySchemeSpec, options: PublicKeySchemeOptions): Scheme {
  const crypto = cryptoOf(options);
  const publicKeys = createKeyring(options.publicKey, spec.preparePublicKey, spec.keyLabel);
  const privateKey =
    options.privateKey === undefined ? undefined : spec.preparePrivateKey(options.privateKey);
  return {
    name: spec.name,
    signsDeliveryId: spec.idHeader !== undefined,
    toleranceSeconds: widestWindow(options, spec.defaultTolerance),
    async verify(request) {
      const header = requireHeader(request.headers, spec.signatureHeader);
      const rawTimestamp = requireHeader(request.headers, spec.timestampHeader);
      const signature = spec.decodeSignature(header);
      if (!signature)
        throw new WebhookError('MALFORMED_HEADER', `${spec.signatureHeader} is not ${spec.signatureShape}`);
      const id = spec.idHeader === undefined ? undefined : requireHeader(request.headers, spec.idHeader);
      const timestampMs =
        spec.timestampFormat === 'rfc3339'
          ? parseRfc3339(rawTimestamp, `${spec.timestampHeader} header`)
          : parseTimestamp(rawTimestamp, `${spec.timestampHeader} header`) * 1000;
      const timestamp = Math.floor(timestampMs / 1000);
      const parts = signedParts(spec, id, rawTimestamp, request.body);
      const keys = await publicKeys.keys(request);
      let secretIndex = -1;
      for (let index = 0; index < keys.length && secretIndex < 0; index++) {
        if (await verifyWith(spec, crypto, keys[index]!, signature, parts)) secretIndex = index;
      }
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${spec.signatureHeader} does not match; ${spec.mismatchHint}`,
        );
      }
      checkTimestamp(timestamp, request.now ?? Date.now(), options, spec.defaultTolerance);
      return id === undefined
        ? { scheme: spec.name, timestamp, secretIndex }
        : { scheme: spec.name, id, timestamp, secretIndex };
    },
    async sign(input) {
      if (!privateKey) throw new WebhookError('INVALID_SECRET', `${spec.name} needs a privateKey to sign`);
      const seconds = signingTimestamp(input.timestamp);
      const timestamp = spec.timestampFormat === 'rfc3339' ? toRfc3339Seconds(seconds) : String(seconds);
      const id = spec.idHeader === undefined ? undefined : (input.id ?? randomId());
      const parts = signedParts(spec, id, timestamp, input.body);
      let signature: Uint8Array;
      try {
        signature =
          spec.algorithm === 'ed25519'
            ? await crypto.signEd25519(privateKey, parts)
            : spec.algorithm === 'ecdsa-p256'
              ? await crypto.signEcdsaP256(privateKey, parts)
              : await rsa(crypto, 'signRsaSha256')(privateKey, parts);
      } catch (cause) {
        throw new WebhookError('INVALID_SECRET', `the ${spec.name} private key could not be used to sign`, {
          cause,
        });
      }
      const headers = {
        [spec.signatureHeader]: spec.encodeSignature(signature),
        [spec.timestampHeader]: timestamp,
      };
      if (spec.idHeader !== undefined) headers[spec.idHeader] = id!;
      return headers;
    },
  };
}

async function verifyWith(
  spec: PublicKeySchemeSpec,
  crypto: CryptoProvider,
  key: KeyMaterial,
  signature: Uint8Array,
  parts: SignedParts,
): Promise<boolean> {
  try {
    if (spec.algorithm === 'ed25519') return await crypto.verifyEd25519(key, signature, parts);
    if (spec.algorithm === 'ecdsa-p256') return await crypto.verifyEcdsaP256(key, signature, parts);
    return await rsa(crypto, 'verifyRsaSha256')(key, signature, parts);
  } catch (cause) {
    // Keys are checked when configured, but only the provider's import is final; a key it
    // refuses is this server's configuration error, not the sender's.
    throw new WebhookError('INVALID_SECRET', `the ${spec.keyLabel} could not be imported`, { cause });
  }
}

/** An RSA method of the crypto provider; a provider without RSA is a configuration error. */
function rsa<K extends 'verifyRsaSha256' | 'signRsaSha256'>(
  crypto: CryptoProvider,
  method: K,
): NonNullable<CryptoProvider[K]> {
  const found = crypto[method];
  if (!found) throw new TypeError(`the ${crypto.name} crypto provider has no ${method}`);
  return found.bind(crypto) as NonNullable<CryptoProvider[K]>;
}

/** The signed parts: `[id, sep,] timestamp, sep, body`, the body as its raw bytes. */
function signedParts(
  spec: PublicKeySchemeSpec,
  id: string | undefined,
  timestamp: string,
  body: Uint8Array | string,
): SignedParts {
  const separator = spec.separator ?? '';
  const head = id === undefined ? timestamp + separator : id + separator + timestamp + separator;
  return [head, body];
}

/** Seconds as an RFC 3339 UTC date-time without a fraction (`2025-01-14T16:08:06Z`). */
function toRfc3339Seconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
