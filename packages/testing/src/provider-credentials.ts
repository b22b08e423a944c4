import {
  type AnyProviderEntry,
  type ProviderName,
  providerEntry,
  type Scheme,
  toBase64,
  toHex,
} from '@hookgate/signatures';
import { generateTestKeys, type TestKeyPair } from './test-keys.js';

const encoder = new TextEncoder();

/** Providers that authenticate with HTTP Basic credentials. */
const BASIC_AUTH: ReadonlySet<string> = new Set(['postmark', 'chargebee']);

/**
 * A test secret of a shared-secret provider, in the format its dashboard shows: the same for
 * every call, distinct per provider, encoded as the registry says (`whsec_…`, base64, hex or
 * plain text). Never a real secret.
 *
 * @example
 * ```ts
 * testSecret('lemon-squeezy'); // 'hookgate-test-lemon-squeezy-secret'
 * testSecret('clerk'); // 'whsec_…'
 * ```
 */
export function testSecret(provider: ProviderName): string {
  // HTTP Basic credentials are `username:password` (RFC 7617).
  const text = BASIC_AUTH.has(provider)
    ? `hookgate-test:${provider}-secret`
    : `hookgate-test-${provider}-secret`;
  switch (providerEntry(provider).secret.encoding) {
    case 'whsec':
      return `whsec_${toBase64(encoder.encode(text))}`;
    case 'base64':
      return toBase64(encoder.encode(text));
    case 'hex':
      return toHex(encoder.encode(text));
    default:
      return text;
  }
}

/** What {@link createTestScheme} signs and verifies with. */
export interface TestCredentials {
  /** The shared secret, for `shared-secret` and `token` providers. */
  secret?: string | undefined;
  /** The key pair, for `public-key` providers (Discord, SendGrid…). */
  keys?: TestKeyPair | undefined;
}

/**
 * Credentials for a provider: its {@link testSecret}, or a fresh key pair for a provider that
 * signs with a private key.
 *
 * @example
 * ```ts
 * const credentials = await testCredentials('discord'); // { keys: { publicKey, privateKey } }
 * ```
 */
export async function testCredentials(provider: ProviderName): Promise<TestCredentials> {
  const entry = providerEntry(provider);
  if (entry.secret.kind !== 'public-key') return { secret: testSecret(provider) };
  // Discord's keys are hex Ed25519, Telnyx's base64 Ed25519, Kick's and Wise's RSA; SendGrid's base64 DER P-256.
  const kind =
    provider === 'kick' || provider === 'telnyx' || provider === 'wise'
      ? provider
      : entry.secret.encoding === 'hex'
        ? 'discord'
        : 'sendgrid';
  return { keys: await generateTestKeys(kind) };
}

/**
 * A scheme that signs and verifies a provider's deliveries with test credentials, for
 * {@link signDelivery} and receivers under test alike.
 *
 * @example
 * ```ts
 * const credentials = await testCredentials('lemon-squeezy');
 * const scheme = createTestScheme('lemon-squeezy', credentials);
 * const delivery = await signDelivery(scheme, samples['lemon-squeezy'].order_created());
 * ```
 */
export function createTestScheme(provider: ProviderName, credentials: TestCredentials): Scheme {
  const entry: AnyProviderEntry = providerEntry(provider);
  const options = credentials.keys
    ? { publicKey: credentials.keys.publicKey, privateKey: credentials.keys.privateKey }
    : { secret: credentials.secret ?? testSecret(provider) };
  // URL-bound senders sign the URL of the request (sign with `url`, verify with the request's).
  return entry.create(options);
}
