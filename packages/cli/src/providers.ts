import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  type AnyProviderEntry,
  type CryptoProvider,
  discord,
  hmac,
  isProviderName,
  providerEntry,
  providerNames,
  providers,
  type ProviderName as RegistryName,
  type Scheme,
  sendgrid,
  standardWebhooks,
  svix,
  WebhookError,
} from '@hookgate/signatures';
import { publicKeyOf } from './public-keys.js';

/**
 * Every provider the CLI knows, by the name `--provider` takes: each provider of the
 * `@hookgate/signatures` registry, and `hmac` for a custom sender.
 *
 * @example
 * ```ts
 * PROVIDERS.includes('lemon-squeezy'); // true
 * ```
 */
export const PROVIDERS: readonly ProviderName[] = [...providerNames, 'hmac'];

/** A provider name: a registered provider, or `hmac`. */
export type ProviderName = RegistryName | 'hmac';

/** Providers whose secret is shared (HMAC); the others sign with a private key. */
export const HMAC_PROVIDERS: readonly ProviderName[] = PROVIDERS.filter(
  (p) => p === 'hmac' || providers[p].secret.kind === 'shared-secret',
);

/** Whether `name` is a provider the CLI knows. */
export function isProvider(name: string): name is ProviderName {
  return name === 'hmac' || isProviderName(name);
}

/** The registry's facts of a provider (`undefined` for `hmac`). */
export function factsOf(name: ProviderName): AnyProviderEntry | undefined {
  return name === 'hmac' ? undefined : providerEntry(name);
}

/** How a custom sender signs (`--provider hmac`). */
export interface HmacFlags {
  /** The signature header. */
  header?: string | undefined;
  algorithm?: 'sha1' | 'sha256' | 'sha512' | undefined;
  encoding?: 'hex' | 'base64' | undefined;
  prefix?: string | undefined;
  timestampHeader?: string | undefined;
  idHeader?: string | undefined;
  template?: string | undefined;
}

/** What a scheme is built from. */
export interface SchemeSettings {
  provider: ProviderName;
  /** Verification: the secrets (or public keys); signing: the first is the secret (or private key). */
  secrets: readonly string[];
  hmac?: HmacFlags | undefined;
  /** Seconds a signed timestamp may be old. @default the provider's window */
  tolerance?: number | undefined;
  /** Seconds a signed timestamp may be ahead. @default tolerance */
  futureTolerance?: number | undefined;
  crypto?: CryptoProvider | undefined;
}

/** The default signature windows in seconds, from the registry (`hmac` only with a timestamp header). */
export const DEFAULT_TOLERANCE: Partial<Record<ProviderName, number>> = {
  ...Object.fromEntries(
    providerNames.flatMap((name) => {
      const window = providers[name].timestamp?.toleranceSeconds;
      return window === undefined ? [] : [[name, window]];
    }),
  ),
  hmac: 300,
};

/** A scheme that verifies with the given secrets or public keys. */
export function verifierFor(settings: SchemeSettings): Scheme {
  const { secrets } = settings;
  switch (settings.provider) {
    case 'discord':
      return discord({ ...timing(settings), publicKey: secrets, crypto: settings.crypto });
    case 'sendgrid':
      return sendgrid({ ...timing(settings), publicKey: secrets, crypto: settings.crypto });
    case 'standard-webhooks':
    case 'svix': {
      const publicKeys = secrets.filter((s) => s.startsWith('whpk_'));
      const hmacSecrets = secrets.filter((s) => !s.startsWith('whpk_'));
      const create = settings.provider === 'svix' ? svix : standardWebhooks;
      return create({
        ...timing(settings),
        ...(hmacSecrets.length > 0 ? { secret: hmacSecrets } : {}),
        ...(publicKeys.length > 0 ? { publicKey: publicKeys } : {}),
        crypto: settings.crypto,
      });
    }
    default:
      if (isPublicKeyProvider(settings.provider)) {
        return providerEntry(settings.provider).create({
          ...timing(settings),
          publicKey: secrets,
          crypto: settings.crypto,
        });
      }
      return hmacScheme(settings, secrets);
  }
}

/**
 * A scheme that signs with the first secret. Discord and SendGrid sign with the private key
 * (Discord: the 32-byte Ed25519 seed in hex; SendGrid: base64 PKCS#8 or PEM); the public key
 * is derived from it. Standard Webhooks signs `v1a` with a `whsk_` key.
 */
export function signerFor(settings: SchemeSettings): Scheme {
  const [key] = settings.secrets;
  if (key === undefined) throw new WebhookError('INVALID_SECRET', 'give the signing secret with --secret');
  switch (settings.provider) {
    case 'discord':
      return discord({ publicKey: ed25519PublicKey(key), privateKey: key, crypto: settings.crypto });
    case 'sendgrid':
      return sendgrid({ publicKey: p256PublicKey(key), privateKey: key, crypto: settings.crypto });
    case 'standard-webhooks':
    case 'svix': {
      const create = settings.provider === 'svix' ? svix : standardWebhooks;
      return key.startsWith('whsk_')
        ? create({ privateKey: key, crypto: settings.crypto })
        : create({ secret: key, crypto: settings.crypto });
    }
    default:
      if (isPublicKeyProvider(settings.provider)) {
        // Kick (RSA) and Telnyx (Ed25519) sign with the private key; the public key is derived.
        const publicKey = publicKeyOf(settings.provider, key);
        return providerEntry(settings.provider).create({
          publicKey,
          privateKey: key,
          crypto: settings.crypto,
        });
      }
      return hmacScheme(settings, [key]);
  }
}

function isPublicKeyProvider(provider: ProviderName): provider is Exclude<ProviderName, 'hmac'> {
  return provider !== 'hmac' && providers[provider].secret.kind === 'public-key';
}

function timing(settings: SchemeSettings) {
  return {
    ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
    ...(settings.futureTolerance === undefined ? {} : { futureTolerance: settings.futureTolerance }),
  };
}

function hmacScheme(settings: SchemeSettings, secret: readonly string[]): Scheme {
  const options = { ...timing(settings), secret, crypto: settings.crypto };
  const { provider } = settings;
  if (provider !== 'hmac') {
    // Shared secrets and shared tokens (GitLab, Telegram, Basic credentials…) both sign with the secret.
    if (providers[provider].secret.kind === 'public-key') {
      throw new WebhookError('INVALID_SECRET', `${provider} does not sign with a shared secret`);
    }
    return providerEntry(provider).create(options);
  }
  const flags = settings.hmac ?? {};
  if (!flags.header) {
    throw new WebhookError('INVALID_SECRET', '--provider hmac needs --header <name> (the signature header)');
  }
  return hmac({
    ...options,
    header: flags.header,
    ...(flags.algorithm ? { algorithm: flags.algorithm } : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(flags.prefix ? { prefix: flags.prefix } : {}),
    ...(flags.timestampHeader ? { timestampHeader: flags.timestampHeader } : {}),
    ...(flags.idHeader ? { idHeader: flags.idHeader } : {}),
    ...(flags.template ? { template: flags.template } : {}),
  });
}

/** PKCS#8 DER prefix of a 32-byte Ed25519 seed (RFC 8410 §7). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function ed25519PublicKey(seedHex: string): string {
  const seed = /^[0-9a-fA-F]{64}$/.test(seedHex) ? Buffer.from(seedHex, 'hex') : undefined;
  if (!seed) {
    throw new WebhookError(
      'INVALID_SECRET',
      'discord signs with the private key: give the 32-byte Ed25519 seed as 64 hex characters',
    );
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url').toString('hex');
}

function p256PublicKey(privateKey: string): string {
  try {
    const key = privateKey.includes('-----BEGIN')
      ? createPrivateKey(privateKey)
      : createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    return createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch (cause) {
    throw new WebhookError(
      'INVALID_SECRET',
      'sendgrid signs with the private key: give a P-256 key as base64 PKCS#8 DER or PEM',
      { cause },
    );
  }
}
