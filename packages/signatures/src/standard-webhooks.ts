import type { CryptoProvider, KeyMaterial } from './crypto-provider.js';
import { fromBase64, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';
import { getHeader } from './headers.js';
import { matchHmac } from './hmac-match.js';
import { cryptoOf, randomId } from './options.js';
import { createKeyring, type PrepareKey } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme, SecretSource, SignedRequest } from './types.js';

/** Options of {@link standardWebhooks} and {@link svix}. Give `secret`, `publicKey`, or both. */
export interface StandardWebhooksOptions extends TimestampOptions {
  /** `whsec_…` HMAC secret(s) (`v1`); the prefix is optional, the rest is base64 key bytes. */
  secret?: SecretSource | undefined;
  /** `whpk_…` Ed25519 public key(s) (`v1a`), for verification. */
  publicKey?: SecretSource | undefined;
  /** `whsk_…` Ed25519 private key, for signing `v1a` (tests and senders). */
  privateKey?: string | undefined;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

/**
 * Standard Webhooks (spec v1): `webhook-id`, `webhook-timestamp`, `webhook-signature` with a
 * space-separated list of `v1,<base64 HMAC-SHA256>` and `v1a,<base64 Ed25519>` entries over
 * `id.timestamp.body`. Unknown versions are ignored; any supported entry may match.
 * Tolerance 300 s both ways.
 *
 * @example
 * ```ts
 * const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * ```
 */
export function standardWebhooks(options: StandardWebhooksOptions): Scheme {
  return createStandardScheme('standard-webhooks', ['webhook'], options);
}

/**
 * Svix: Standard Webhooks with `svix-id`, `svix-timestamp` and `svix-signature` headers; the
 * `webhook-*` names of white-labelled accounts are accepted too (`svix-*` wins when both are
 * present, as in the Svix SDK).
 *
 * @example
 * ```ts
 * const scheme = svix({ secret: process.env.SVIX_SECRET! });
 * ```
 */
export function svix(options: StandardWebhooksOptions): Scheme {
  return createStandardScheme('svix', ['svix', 'webhook'], options);
}

/**
 * A Standard Webhooks scheme under another name and header prefixes (the first signs), for the
 * senders built on it (Clerk, Resend, OpenAI…). `prepare` turns a secret into key bytes:
 * `whsec_` then base64 by default; Polar keys with the secret's UTF-8 bytes.
 */
export function createStandardScheme(
  name: string,
  prefixes: readonly string[],
  options: StandardWebhooksOptions,
  prepare: PrepareKey = prepareSecret,
): Scheme {
  const crypto = cryptoOf(options);
  if (options.secret === undefined && options.publicKey === undefined && options.privateKey === undefined) {
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      `${name} needs a secret (whsec_…) or a publicKey (whpk_…)`,
    );
  }
  const hmacKeys = options.secret === undefined ? undefined : createKeyring(options.secret, prepare);
  const publicKeys =
    options.publicKey === undefined ? undefined : createKeyring(options.publicKey, preparePublicKey);
  const privateKey = options.privateKey === undefined ? undefined : preparePrivateKey(options.privateKey);
  const [signPrefix] = prefixes;
  // Header names built once, not per request.
  const headerSets = prefixes.map((prefix) => ({
    prefix,
    id: `${prefix}-id`,
    timestamp: `${prefix}-timestamp`,
    signature: `${prefix}-signature`,
  }));

  return {
    name,
    signsDeliveryId: true,
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const { id, timestamp, rawTimestamp, v1, v1a } = readHeaders(request, headerSets);
      const parts = [`${id}.${rawTimestamp}.`, request.body];
      if (v1.length === 0 && v1a.length === 0) {
        throw new WebhookError('MALFORMED_HEADER', `${prefixes[0]}-signature has no v1 or v1a entry`);
      }
      let secretIndex = -1;
      let version = 'v1';
      if (hmacKeys && v1.length > 0) {
        // Awaited only when they are promises: an await of a value still costs a microtask turn.
        const keys = hmacKeys.keys(request);
        const found = matchHmac({
          crypto,
          algorithm: 'sha256',
          encoding: 'base64',
          keys: Array.isArray(keys) ? keys : await keys,
          parts,
          candidates: v1,
        });
        secretIndex = typeof found === 'number' ? found : await found;
      }
      if (secretIndex < 0 && publicKeys && v1a.length > 0) {
        version = 'v1a';
        secretIndex = await matchEd25519(crypto, await publicKeys.keys(request), v1a, parts);
      }
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `no signature in ${prefixes[0]}-signature matches; pass the raw body bytes and the endpoint's whsec_ secret or whpk_ key`,
        );
      }
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: name, id, timestamp, secretIndex, version };
    },
    async sign(input) {
      const id = input.id ?? randomId('msg_');
      const timestamp = signingTimestamp(input.timestamp);
      const parts = [`${id}.${timestamp}.`, input.body];
      const signatures: string[] = [];
      if (hmacKeys) {
        const [key] = await hmacKeys.keys({ headers: {}, body: input.body, url: input.url });
        signatures.push(`v1,${toBase64(await crypto.hmac('sha256', key!, parts))}`);
      }
      if (privateKey) signatures.push(`v1a,${toBase64(await crypto.signEd25519(privateKey, parts))}`);
      if (signatures.length === 0) {
        throw new WebhookError(
          'INVALID_CONFIGURATION',
          `${name} needs a secret or a privateKey (whsk_…) to sign`,
        );
      }
      return {
        [`${signPrefix}-id`]: id,
        [`${signPrefix}-timestamp`]: String(timestamp),
        [`${signPrefix}-signature`]: signatures.join(' '),
      };
    },
  };
}

interface HeaderSet {
  prefix: string;
  id: string;
  timestamp: string;
  signature: string;
}

function readHeaders(request: SignedRequest, sets: readonly HeaderSet[]) {
  // Take the whole set from the first prefix that has a signature header, never a mix.
  let set = sets[0]!;
  let signature = getHeader(request.headers, set.signature);
  for (let index = 1; signature === undefined && index < sets.length; index++) {
    const found = getHeader(request.headers, sets[index]!.signature);
    if (found !== undefined) {
      set = sets[index]!;
      signature = found;
    }
  }
  const id = getHeader(request.headers, set.id);
  const rawTimestamp = getHeader(request.headers, set.timestamp);
  if (id === undefined) throw new WebhookError('MISSING_HEADER', `${set.id} header is missing`);
  if (rawTimestamp === undefined) {
    throw new WebhookError('MISSING_HEADER', `${set.timestamp} header is missing`);
  }
  if (signature === undefined) {
    throw new WebhookError('MISSING_HEADER', `${set.signature} header is missing`);
  }
  const timestamp = parseTimestamp(rawTimestamp, set.timestamp);
  const v1: string[] = [];
  const v1a: string[] = [];
  for (const item of signature.split(' ')) {
    // `version,signature` exactly; entries with extra fields are not what any version sends.
    const comma = item.indexOf(',');
    if (comma < 0 || comma === item.length - 1 || item.includes(',', comma + 1)) continue;
    if (comma === 2 && item.startsWith('v1')) v1.push(item.slice(3));
    else if (comma === 3 && item.startsWith('v1a')) v1a.push(item.slice(4));
  }
  return { id, timestamp, rawTimestamp, v1, v1a };
}

async function matchEd25519(
  crypto: CryptoProvider,
  keys: readonly KeyMaterial[],
  signatures: readonly string[],
  parts: readonly (Uint8Array | string)[],
): Promise<number> {
  const decoded = signatures.map(fromBase64).filter((bytes): bytes is Uint8Array => bytes?.length === 64);
  for (let index = 0; index < keys.length; index++) {
    for (const signature of decoded) {
      if (await crypto.verifyEd25519(keys[index]!, signature, parts)) return index;
    }
  }
  return -1;
}

function decodePrefixed(value: string, prefix: string, what: string, lengths: readonly number[]): Uint8Array {
  const body = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  const bytes = fromBase64(body);
  if (!bytes) {
    throw new WebhookError(
      'INVALID_SECRET',
      value.startsWith(prefix)
        ? `the ${what} has a ${prefix} prefix but is not valid base64`
        : `the ${what} is not valid base64: a Standard Webhooks/Svix ${what} is ${prefix} followed by base64; copy it from the sender's dashboard`,
    );
  }
  if (!lengths.includes(bytes.length) && lengths.length > 0) {
    throw new WebhookError(
      'INVALID_SECRET',
      `the ${what} decodes to ${bytes.length} bytes, not ${lengths.join(' or ')}`,
    );
  }
  return bytes;
}

function prepareSecret(secret: string): KeyMaterial {
  const bytes = decodePrefixed(secret, 'whsec_', 'secret', []);
  if (bytes.length === 0) throw new WebhookError('INVALID_SECRET', 'the secret decodes to no bytes');
  return { bytes };
}

function preparePublicKey(key: string): KeyMaterial {
  return { bytes: decodePrefixed(key, 'whpk_', 'public key', [32]) };
}

function preparePrivateKey(key: string): KeyMaterial {
  // whsk_ carries seed (32 bytes) followed by the public key (32 bytes); the seed signs.
  return { bytes: decodePrefixed(key, 'whsk_', 'private key', [64, 32]).slice(0, 32) };
}
