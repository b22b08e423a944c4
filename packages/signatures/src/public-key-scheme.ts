import type { CryptoProvider, KeyMaterial, SignedParts } from './crypto-provider.js';
import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { cryptoOf } from './options.js';
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
  privateKey?: string;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider;
}

/** What tells one such scheme from another. */
export interface PublicKeySchemeSpec {
  name: string;
  /** What the public key is called in messages, for example `Discord application public key`. */
  keyLabel: string;
  algorithm: 'ed25519' | 'ecdsa-p256';
  signatureHeader: string;
  timestampHeader: string;
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
 * followed by the raw body, with any of the public keys; then checks the timestamp, after the
 * signature as every scheme here does, so a stale genuine delivery reads as stale.
 */
export function createPublicKeyScheme(spec: PublicKeySchemeSpec, options: PublicKeySchemeOptions): Scheme {
  const crypto = cryptoOf(options);
  const publicKeys = createKeyring(options.publicKey, spec.preparePublicKey, spec.keyLabel);
  const privateKey =
    options.privateKey === undefined ? undefined : spec.preparePrivateKey(options.privateKey);
  return {
    name: spec.name,
    toleranceSeconds: widestWindow(options, spec.defaultTolerance),
    async verify(request) {
      const header = requireHeader(request.headers, spec.signatureHeader);
      const rawTimestamp = requireHeader(request.headers, spec.timestampHeader);
      const signature = spec.decodeSignature(header);
      if (!signature)
        throw new WebhookError('MALFORMED_HEADER', `${spec.signatureHeader} is not ${spec.signatureShape}`);
      const timestamp = parseTimestamp(rawTimestamp, `${spec.timestampHeader} header`);
      const parts = [rawTimestamp, request.body];
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
      return { scheme: spec.name, timestamp, secretIndex };
    },
    async sign(input) {
      if (!privateKey) throw new WebhookError('INVALID_SECRET', `${spec.name} needs a privateKey to sign`);
      const timestamp = String(signingTimestamp(input.timestamp));
      const parts = [timestamp, input.body];
      let signature: Uint8Array;
      try {
        signature =
          spec.algorithm === 'ed25519'
            ? await crypto.signEd25519(privateKey, parts)
            : await crypto.signEcdsaP256(privateKey, parts);
      } catch (cause) {
        throw new WebhookError('INVALID_SECRET', `the ${spec.name} private key could not be used to sign`, {
          cause,
        });
      }
      return { [spec.signatureHeader]: spec.encodeSignature(signature), [spec.timestampHeader]: timestamp };
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
    return spec.algorithm === 'ed25519'
      ? await crypto.verifyEd25519(key, signature, parts)
      : await crypto.verifyEcdsaP256(key, signature, parts);
  } catch (cause) {
    // Keys are checked when configured, but only the provider's import is final; a key it
    // refuses is this server's configuration error, not the sender's.
    throw new WebhookError('INVALID_SECRET', `the ${spec.keyLabel} could not be imported`, { cause });
  }
}
