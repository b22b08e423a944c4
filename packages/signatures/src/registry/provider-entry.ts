import type { CryptoProvider } from '../crypto-provider.js';
import type { HmacPreset } from '../hmac-preset.js';
import type { Scheme, SecretSource } from '../types.js';

/**
 * What a provider's scheme is keyed with:
 * - `shared-secret`: one secret both sides hold (HMAC);
 * - `public-key`: the sender signs with a private key, the receiver holds the public key;
 * - `token`: a shared value sent as is (compared in constant time; no body integrity).
 */
export type SecretKind = 'shared-secret' | 'public-key' | 'token';

/**
 * How the configured secret (or key) is written, and so how it becomes key bytes:
 * `utf8` (its UTF-8 bytes, most providers), `base64` (decoded), `whsec` (a `whsec_` prefix
 * then base64, Standard Webhooks), `hex` (decoded), `spki` (base64 DER public key), `pem`.
 */
export type SecretEncoding = 'utf8' | 'base64' | 'whsec' | 'hex' | 'spki' | 'pem';

/**
 * Where a test vector of the entry comes from: a vector the provider published, the provider's
 * official SDK on npm (tested both ways), or a worked example from the provider's docs.
 */
export type VectorSource = 'published-vector' | 'official-sdk' | 'docs-example';

/**
 * Where a delivery carries a fact: a request header, or a field of the JSON payload (a dotted
 * path such as `meta.event_name`).
 */
export type FactLocation = { readonly header: string } | { readonly field: string };

/** The signed timestamp of a provider, when it signs one. */
export interface TimestampFacts {
  /** How the provider writes it: unix seconds, unix milliseconds or an RFC 3339 date. */
  readonly unit: 'seconds' | 'milliseconds' | 'iso8601';
  /** The default window in seconds (both ways unless the scheme's docs say otherwise). */
  readonly toleranceSeconds: number;
}

/**
 * The options every registered factory accepts (each takes more of its own): a shared
 * `secret`, or a `publicKey` (and, to sign, a `privateKey`), plus the crypto and the window.
 */
export interface ProviderOptions {
  /** The shared secret(s): several for rotation, or a lookup. */
  secret?: SecretSource | undefined;
  /** The public key(s) of a `public-key` provider. */
  publicKey?: SecretSource | undefined;
  /** The private key of a `public-key` provider, for signing (tests, the CLI). */
  privateKey?: string | undefined;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
  /** Seconds a signed timestamp may be old. @default the provider's window */
  tolerance?: number | undefined;
  /** Seconds a signed timestamp may be ahead. @default tolerance */
  futureTolerance?: number | undefined;
}

/**
 * What hookgate knows about one sender, besides its verification code. Core derives its
 * profile (event type, payload id, retention) from these facts, the CLI lists and explains
 * them, and `@hookgate/testing` signs and samples every provider from them.
 */
export interface ProviderFacts {
  /** The name people know it by, for example `Lemon Squeezy`. */
  readonly displayName: string;
  /** How the provider's scheme is keyed, and how the secret is written. */
  readonly secret: { readonly kind: SecretKind; readonly encoding: SecretEncoding };
  /** Whether the URL the sender requested is signed (the receiver must know its public URL). */
  readonly signsUrl: boolean;
  /** The signed timestamp, or `undefined` when none is signed (replays then rest on the id). */
  readonly timestamp: TimestampFacts | undefined;
  /** Where the event type is, or `undefined` when the provider sends one kind only. */
  readonly eventType: FactLocation | undefined;
  /** Where the delivery id is, or `undefined` when there is none (the content key is used). */
  readonly deliveryId: FactLocation | undefined;
  /**
   * How long the sender keeps retrying (or lets a delivery be redelivered) in milliseconds,
   * as documented; core keeps handled ids for this long plus a margin. 0: it never retries.
   */
  readonly retryHorizonMs: number;
  /**
   * The documented time the sender waits for an answer, in milliseconds, or `undefined` when
   * the docs give none. Inline handlers must answer well within it.
   */
  readonly responseDeadlineMs: number | undefined;
  /** A handshake the sender needs answered before it delivers (a short description). */
  readonly handshake: string | undefined;
  /** The provider's documentation of its signature. */
  readonly docs: string;
  /** Where the entry's test vector comes from, and which (a test file or the SDK's name). */
  readonly vector: { readonly source: VectorSource; readonly detail: string };
}

/**
 * One registered provider: its facts and its scheme factory.
 *
 * @example
 * ```ts
 * import { providers } from '@hookgate/signatures';
 * const scheme = providers['lemon-squeezy'].create({ secret: process.env.LEMON_SQUEEZY_SECRET! });
 * providers['lemon-squeezy'].timestamp; // undefined: Lemon Squeezy signs no timestamp
 * ```
 */
export interface ProviderEntry<TOptions = ProviderOptions> extends ProviderFacts {
  /** Builds the provider's scheme (the same function as its named export). */
  create(options: TOptions): Scheme;
  /** The declarative HMAC description, for the providers built from one (benches, tooling). */
  readonly preset?: HmacPreset | undefined;
}

/** An entry of any provider, for code that iterates the registry. */
export type AnyProviderEntry = ProviderEntry<ProviderOptions>;

/** A duration in milliseconds, for the facts tables. */
export const MINUTE = 60_000;
/** @see MINUTE */
export const HOUR = 3_600_000 /* 60 minutes */;
/** @see MINUTE */
export const DAY = 86_400_000 /* 24 hours */;

/**
 * The scheme factory of a registry entry, as each preset provider is exported by name. A call,
 * marked pure where it is used, rather than `entry.create`: bundlers keep every property read at
 * the top of a module (it could run a getter), so `export const acme = acmeProvider.create`
 * would keep all ~70 providers in a bundle that imports one.
 *
 * @example
 * ```ts
 * export const acme = /* @__PURE__ *\/ factoryOf(acmeProvider);
 * ```
 */
export function factoryOf<TOptions>(entry: ProviderEntry<TOptions>): (options: TOptions) => Scheme {
  return entry.create;
}
