import type { KeyMaterial } from './crypto-provider.js';
import { WebhookError } from './errors.js';
import type { SecretSource, SignedRequest } from './types.js';

/** Turns one configured secret into key bytes; throws `INVALID_SECRET` when it cannot. */
export type PrepareKey = (secret: string) => KeyMaterial;

/** Resolves the configured secrets of a scheme into prepared keys, in order. */
export interface Keyring {
  /**
   * The keys to try for this request; the first is the one that signs. Fixed secrets are
   * returned synchronously, so verifying with them needs no promise.
   */
  keys(request: SignedRequest): readonly KeyMaterial[] | Promise<readonly KeyMaterial[]>;
}

const MAX_CACHED_KEYS = 1024;

/**
 * Builds a keyring. Fixed secrets are prepared once, here, so a bad secret fails at start-up;
 * secrets from a lookup function are prepared on first use and cached (bounded), because
 * Web Crypto and `node:crypto` both cache their native key per prepared object.
 */
export function createKeyring(source: SecretSource, prepare: PrepareKey, label = 'secret'): Keyring {
  if (typeof source !== 'function') {
    const keys = toList(source, label).map(prepare);
    return { keys: () => keys };
  }
  const cache = new Map<string, KeyMaterial>();
  const prepareCached = (secret: string) => {
    let key = cache.get(secret);
    if (!key) {
      key = prepare(secret);
      if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
      cache.set(secret, key);
    }
    return key;
  };
  return {
    async keys(request) {
      const resolved = await source(request);
      return toList(resolved, label).map(prepareCached);
    },
  };
}

function toList(source: string | readonly string[], label: string): readonly string[] {
  const list = typeof source === 'string' ? [source] : source;
  if (!Array.isArray(list) || list.length === 0) {
    throw new WebhookError('INVALID_SECRET', `no ${label} is configured`);
  }
  for (const secret of list) {
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new WebhookError('INVALID_SECRET', `a configured ${label} is empty or not a string`);
    }
  }
  return list;
}

const encoder = new TextEncoder();

/** Key bytes for schemes that use the secret's UTF-8 bytes as the HMAC key. */
export const utf8Key: PrepareKey = (secret) => ({ bytes: encoder.encode(secret) });
