import type { CryptoProvider, KeyMaterial } from './crypto-provider.js';
import { fromBase64, timingSafeEqualBytes, toBytes } from './encoding.js';
import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import { cryptoOf } from './options.js';
import { createKeyring } from './secrets.js';
import type { HandshakeRequest, Scheme, SchemeHandshake, SecretSource, SignedRequest } from './types.js';

/**
 * Options of the shared-token schemes. A token proves who sent a request, never what it
 * carries: anyone who sees one request (a proxy, a log) can send any body with it. Prefer a
 * sender's signature where it offers one.
 */
export interface TokenSchemeOptions {
  /** The expected token (for Basic auth, `username:password`); several while you rotate; or a lookup. */
  secret: SecretSource;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

/** How the token is written in its header. */
export type TokenFormat =
  /** The header value is the token. */
  | 'raw'
  /** `Authorization: Basic base64(username:password)`; the secret is `username:password`. */
  | 'basic'
  /** `Authorization: Bearer <token>`. */
  | 'bearer';

/** What tells one token sender from another. */
export interface TokenSchemeSpec {
  name: string;
  /** What the token is called in messages, for example `GitLab secret token`. */
  label: string;
  header: string;
  format: TokenFormat;
  /** The header with the sender's delivery id, reported as `id` (not signed: not a replay key). */
  idHeader?: string | undefined;
  /**
   * The sender's challenge. It is answered only for a request that carries the token, as the
   * sender's own challenge does (Okta's verification GET has its `Authorization`): an answer
   * echoes what the request sent, and nobody else needs one from this endpoint.
   */
  handshake?: SchemeHandshake | undefined;
}

/**
 * A scheme that compares a shared token in a header with the configured ones. Both sides are
 * hashed with SHA-256 first and the digests compared in constant time, so neither the time
 * nor the length of the configured token shows. No `contentKey`: every request carries the
 * same token, so receivers key replays on the body.
 */
export function createTokenScheme(spec: TokenSchemeSpec, options: TokenSchemeOptions): Scheme {
  const crypto = cryptoOf(options);
  const tokens = createKeyring(options.secret, (secret) => prepareToken(spec, secret), spec.label);
  const digests = new WeakMap<KeyMaterial, Promise<Uint8Array>>();
  const digestOf = (key: KeyMaterial) => {
    let digest = digests.get(key);
    if (!digest) {
      digest = crypto.digest('sha256', key.bytes);
      digests.set(key, digest);
    }
    return digest;
  };
  const scheme: Scheme = {
    name: spec.name,
    handshake: authenticatedHandshake(spec.handshake, (request) => scheme.verify({ ...request, body: '' })),
    async verify(request) {
      const received = readToken(spec, request);
      const receivedDigest = await crypto.digest('sha256', received);
      const keys = await tokens.keys(request);
      let secretIndex = -1;
      for (let index = 0; index < keys.length; index++) {
        // No early exit: the time does not tell which token matched.
        if (timingSafeEqualBytes(await digestOf(keys[index]!), receivedDigest) && secretIndex < 0) {
          secretIndex = index;
        }
      }
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${spec.header} does not match the configured ${spec.label}`,
        );
      }
      const id = spec.idHeader === undefined ? undefined : getHeader(request.headers, spec.idHeader);
      return { scheme: spec.name, id, secretIndex };
    },
    async sign(input) {
      const [token] = await tokens.keys({ headers: {}, body: input.body, url: input.url });
      const text = new TextDecoder().decode(token!.bytes);
      return { [spec.header]: writeToken(spec.format, text) };
    },
  };
  return scheme;
}

/** `handshake` with its challenge answered only once `authenticate` accepted the request. */
function authenticatedHandshake(
  handshake: SchemeHandshake | undefined,
  authenticate: (request: HandshakeRequest) => Promise<unknown>,
): SchemeHandshake | undefined {
  const challenge = handshake?.challenge;
  if (!challenge) return handshake;
  return {
    ...handshake,
    async challenge(request) {
      const answer = await challenge(request);
      if (answer !== undefined) await authenticate(request);
      return answer;
    },
  };
}

function prepareToken(spec: TokenSchemeSpec, secret: string): KeyMaterial {
  // Basic credentials without a colon could never match: say so at start-up, not per request.
  if (spec.format === 'basic' && !secret.includes(':')) {
    throw new WebhookError('INVALID_SECRET', `the ${spec.label} must be username:password`);
  }
  return { bytes: toBytes(secret) };
}

function readToken(spec: TokenSchemeSpec, request: SignedRequest): Uint8Array {
  const value = requireHeader(request.headers, spec.header);
  if (spec.format === 'raw') return toBytes(value);
  const space = value.indexOf(' ');
  const scheme = space < 0 ? value : value.slice(0, space);
  const expected = spec.format === 'basic' ? 'basic' : 'bearer';
  // Auth-scheme names are case-insensitive (RFC 9110 §11.1).
  if (scheme.toLowerCase() !== expected || space < 0) {
    throw new WebhookError(
      'MALFORMED_HEADER',
      `${spec.header} is not of the form ${expected === 'basic' ? 'Basic <base64>' : 'Bearer <token>'}`,
    );
  }
  const credentials = value.slice(space + 1).trim();
  if (spec.format === 'bearer') {
    if (credentials === '') throw new WebhookError('MALFORMED_HEADER', `${spec.header} has no token`);
    return toBytes(credentials);
  }
  const decoded = fromBase64(credentials);
  if (!decoded?.includes(0x3a)) {
    throw new WebhookError('MALFORMED_HEADER', `${spec.header} does not hold base64 of username:password`);
  }
  return decoded;
}

function writeToken(format: TokenFormat, token: string): string {
  if (format === 'raw') return token;
  if (format === 'bearer') return `Bearer ${token}`;
  return `Basic ${btoa(String.fromCharCode(...toBytes(token)))}`;
}
