import type { CryptoProvider, HashAlgorithm, KeyMaterial } from './crypto-provider.js';
import { fromBase64, timingSafeEqualString, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';

/** The JWS algorithms hookgate verifies: HMAC only, never `none`. */
export type JwtAlgorithm = 'HS256' | 'HS512';

const HASHES: Record<JwtAlgorithm, HashAlgorithm> = { HS256: 'sha256', HS512: 'sha512' };
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A compact JWS split and decoded, not yet verified. */
export interface ParsedJwt {
  algorithm: JwtAlgorithm;
  /** The decoded claims (a JSON object). */
  claims: Record<string, unknown>;
  /** `header.payload` as sent: what the signature covers. */
  signingInput: string;
  /** The signature as sent (base64url). */
  signature: string;
}

/**
 * Splits and decodes a compact JWS strictly: three base64url parts without padding, a JSON
 * object header whose `alg` is in `allowed` (never `none`) and that names no `crit`
 * extension, and a JSON object payload. Anything else is `MALFORMED_HEADER` naming `where`.
 */
export function parseJwt(token: string, allowed: readonly JwtAlgorithm[], where: string): ParsedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => part === '' || !BASE64URL.test(part))) {
    throw new WebhookError('MALFORMED_HEADER', `${where} is not a compact JWT (three base64url parts)`);
  }
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = decodeJson(headerPart, where, 'header');
  const claims = decodeJson(payloadPart, where, 'payload');
  const algorithm = header.alg;
  if (typeof algorithm !== 'string' || !(allowed as readonly string[]).includes(algorithm)) {
    throw new WebhookError(
      'MALFORMED_HEADER',
      `${where} uses an algorithm other than ${allowed.join(' or ')}`,
    );
  }
  if (header.crit !== undefined) {
    throw new WebhookError('MALFORMED_HEADER', `${where} names critical extensions, which are not supported`);
  }
  return {
    algorithm: algorithm as JwtAlgorithm,
    claims,
    signingInput: `${headerPart}.${payloadPart}`,
    signature,
  };
}

/** Base64url without padding (RFC 7515 §2) of some bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; `undefined` when the text is not that. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}

function decodeJson(part: string, where: string, what: string): Record<string, unknown> {
  const bytes = fromBase64Url(part);
  let value: unknown;
  try {
    value = bytes ? JSON.parse(decoder.decode(bytes)) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebhookError('MALFORMED_HEADER', `the ${what} of ${where} is not a base64url JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Whether the JWS signature is the HMAC of its signing input with `key`, compared in constant
 * time in canonical base64url (so a re-encoded signature with other trailing bits is refused).
 */
export async function jwtSignatureMatches(
  crypto: CryptoProvider,
  key: KeyMaterial,
  jwt: ParsedJwt,
): Promise<boolean> {
  const mac = await crypto.hmac(HASHES[jwt.algorithm], key, [jwt.signingInput]);
  return timingSafeEqualString(toBase64Url(mac), jwt.signature);
}

/** Signs `claims` as a compact JWS with `algorithm` and `key`. */
export async function signJwt(
  crypto: CryptoProvider,
  key: KeyMaterial,
  algorithm: JwtAlgorithm,
  claims: Record<string, unknown>,
): Promise<string> {
  const encoder = new TextEncoder();
  const header = toBase64Url(encoder.encode(JSON.stringify({ alg: algorithm, typ: 'JWT' })));
  const payload = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const mac = await crypto.hmac(HASHES[algorithm], key, [`${header}.${payload}`]);
  return `${header}.${payload}.${toBase64Url(mac)}`;
}

/** A numeric date claim (RFC 7519 §2): a finite number of seconds, or `undefined` when absent. */
export function numericDate(
  claims: Record<string, unknown>,
  name: string,
  where: string,
): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WebhookError('MALFORMED_HEADER', `the ${name} claim of ${where} is not a number`);
  }
  return value;
}
