import type { CryptoProvider } from './crypto-provider.js';
import { getDefaultCrypto } from './crypto-provider.js';
import type { SecretSource } from './types.js';

/** Options shared by the HMAC schemes. */
export interface HmacSchemeOptions {
  /** The signing secret; several for rotation (any may match, the first signs); or a lookup. */
  secret: SecretSource;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

/** The crypto provider of a scheme's options, or the runtime's default. */
export function cryptoOf(options: { crypto?: CryptoProvider }): CryptoProvider {
  return options.crypto ?? getDefaultCrypto();
}

/** A random delivery id for signing when the caller gives none. */
export function randomId(prefix = ''): string {
  return prefix + globalThis.crypto.randomUUID();
}
