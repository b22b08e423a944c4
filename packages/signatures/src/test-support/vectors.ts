import { createNodeCrypto } from '../node-crypto.js';
import type { SignedRequest } from '../types.js';
import { createWebCrypto } from '../web-crypto.js';

/** One entry of `test-vectors/official.json` (format: shared SIGNATURES.md §5). */
export interface Vector {
  id: string;
  scheme: string;
  secret: string;
  signing_secret?: string;
  additional_secrets?: string[];
  headers: Record<string, string>;
  body: string;
  body_encoding: 'utf8' | 'base64';
  url?: string;
  params?: Record<string, string | string[]>;
  json_body_mode?: boolean;
  now: number | null;
  expected: 'valid' | 'invalid';
}

/** Both crypto paths; every scheme is tested through each. */
export const cryptoProviders = [
  { name: 'node', provider: createNodeCrypto()! },
  { name: 'web', provider: createWebCrypto() },
] as const;

/** The body bytes of a vector. */
export function vectorBody(vector: Vector): Uint8Array {
  return vector.body_encoding === 'base64'
    ? new Uint8Array(Buffer.from(vector.body, 'base64'))
    : new TextEncoder().encode(vector.body);
}

/** The request a vector describes, with the clock faked to its `now`. */
export function vectorRequest(vector: Vector): SignedRequest {
  return {
    headers: vector.headers,
    body: vectorBody(vector),
    url: vector.url,
    now: vector.now === null ? Date.now() : vector.now * 1000,
  };
}
