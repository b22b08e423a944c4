import type { HashAlgorithm } from './crypto-provider.js';
import type { SignatureEncoding } from './hmac-match.js';

/**
 * How a preset reads its signature header:
 * - `raw`: the whole value is the signature;
 * - `prefixed`: the value starts with `prefix` (`sha256=`, `v0=`, `HMAC `), then the signature;
 * - `list`: `key=value` items joined by `separator` (`t=…,v1=…,v1=…`): every `signatureKey`
 *   item is a candidate (senders list several while rotating secrets) and `timestampKey`, when
 *   given, is the signed timestamp.
 */
export type SignatureFormat =
  | { readonly kind: 'raw' }
  | { readonly kind: 'prefixed'; readonly prefix: string }
  | {
      readonly kind: 'list';
      readonly separator: string;
      readonly signatureKey: string;
      readonly timestampKey?: string | undefined;
    };

/**
 * How a configured secret becomes HMAC key bytes: its UTF-8 bytes (`utf8`, most senders),
 * base64-decoded (`base64`), `whsec_` then base64 (`whsec`, the prefix optional) or hex-decoded.
 */
export type KeyEncoding = 'utf8' | 'base64' | 'whsec' | 'hex';

/**
 * A sender's HMAC signature as data: which header, how it is written, what is signed. Most
 * providers are one of these; {@link createPresetScheme} turns it into a `Scheme` on the
 * shared constant-time, rotation-aware machinery.
 *
 * @example
 * ```ts
 * const preset: HmacPreset = {
 *   name: 'acme', label: 'Acme', header: 'X-Acme-Signature',
 *   format: { kind: 'prefixed', prefix: 'sha256=' },
 *   algorithm: 'sha256', encoding: 'hex', template: '{timestamp}.{body}',
 *   timestamp: { header: 'X-Acme-Timestamp', unit: 'seconds', tolerance: 300 },
 * };
 * ```
 */
export interface HmacPreset {
  /** The scheme name (the registry key), reported in results. */
  readonly name: string;
  /** The provider's display name, for messages. */
  readonly label: string;
  /**
   * The signature header; with several (DocuSign's `-1`…`-N`, Box's primary and secondary),
   * the signature of each present one may match, and signing fills the first.
   */
  readonly header: string | readonly string[];
  /** How the header is read. @default { kind: 'raw' } */
  readonly format?: SignatureFormat | undefined;
  /** The hash function. */
  readonly algorithm: HashAlgorithm;
  /** How the MAC is written. */
  readonly encoding: SignatureEncoding;
  /** How the secret becomes key bytes. @default 'utf8' */
  readonly key?: KeyEncoding | undefined;
  /**
   * The signed text: literal text and the placeholders `{body}` (raw bytes, required),
   * `{timestamp}` (as sent), `{id}`, `{url}` (the full request URL), `{method}`, and `{params}`
   * (a form body's parameters sorted by name, `name + value` each, instead of `{body}`).
   */
  readonly template: string;
  /**
   * The signed timestamp: in `header`, or (without one) in the `list` format's `timestampKey`.
   * `tolerance` is the default window in seconds, both ways.
   */
  readonly timestamp?: {
    readonly header?: string | undefined;
    /** `iso8601`: an RFC 3339 date such as `2026-01-01T12:00:00Z` (Box, Zendesk). */
    readonly unit: 'seconds' | 'milliseconds' | 'iso8601';
    readonly tolerance: number;
  };
  /** The delivery-id header (reported as `id`; required when the template signs `{id}`). */
  readonly idHeader?: string | undefined;
  /** The signature version reported as `version`, for example GitHub's `sha256`. */
  readonly version?: string | undefined;
  /**
   * Refuses a configured secret that is obviously another credential (GitHub's tokens): throws
   * `INVALID_SECRET` saying where the right secret is. Runs where the key is prepared: at
   * creation for fixed secrets, on first use for looked-up ones.
   */
  readonly checkSecret?: ((secret: string) => void) | undefined;
}
