/** What every sample factory accepts. */
export interface SampleOptions {
  /**
   * The delivery id, and the seed of every other id in the payload: the same `id` and
   * `timestamp` give the same bytes.
   * @default a fresh random id in the provider's format
   */
  id?: string | undefined;
  /** When the event happened, in unix seconds; payload times and the signature use it. @default now */
  timestamp?: number | undefined;
}

/** A delivery as the provider sends it, before signing. */
export interface Sample {
  /** The provider, as the scheme names it (`stripe`, `standard-webhooks`, …). */
  provider: string;
  /** The event type, as a hookgate receiver routes it (`invoice.paid`, `issues.opened`, …). */
  event: string;
  /** The delivery id: sign with it (`id`), so the id header or payload id and the signature agree. */
  id: string;
  /** The body exactly as the provider sends it (Stripe indents its JSON; the others do not). */
  body: string;
  /** The provider's `Content-Type`. */
  contentType: string;
  /** Other headers the provider sends (event name, topic, shop domain, user agent…), not the signature. */
  headers: Record<string, string>;
  /** The event time in unix seconds; sign with it (`timestamp`) for a consistent delivery. */
  timestamp: number;
}

/** Makes a fresh sample; give `{ id, timestamp }` for a deterministic one. */
export type SampleFactory = (options?: SampleOptions) => Sample;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random string of `length` characters from `alphabet` (uniform: rejection sampling). */
export function randomString(length: number, alphabet = ALNUM): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/**
 * Derives ids from one seed, so a sample with a given `id` is the same every time while its
 * nested ids (customer, invoice, commit…) still look like the provider's own.
 */
export function createIdSource(seed: string) {
  const stream = (label: string, length: number, alphabet: string) => {
    let out = '';
    // FNV-1a over seed, label and a counter: not cryptographic, only stable and well spread.
    for (let round = 0; out.length < length; round++) {
      let hash = 0x811c9dc5;
      for (const char of `${seed}\u0000${label}\u0000${round}`) {
        hash ^= char.codePointAt(0)!;
        hash = Math.imul(hash, 0x01000193) >>> 0;
      }
      for (let i = 0; i < 4 && out.length < length; i++) {
        out += alphabet[(hash >>> (i * 8)) % alphabet.length];
      }
    }
    return out;
  };
  return {
    /** Letters and digits, for example `in_1Q…`. */
    alnum: (label: string, length: number) => stream(label, length, ALNUM),
    /** Digits only, never starting with 0 (numeric ids such as GitHub's and Shopify's). */
    digits: (label: string, length: number) =>
      String(1 + (Number(stream(label, 1, '012345678')) % 9)) + stream(label, length - 1, '0123456789'),
    /** Lower-case hex (commit shas). */
    hex: (label: string, length: number) => stream(label, length, '0123456789abcdef'),
    /** A version-4-shaped UUID. */
    uuid: (label: string) => {
      const hex = stream(label, 32, '0123456789abcdef');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}

/** The event time of a sample: the option, or now, in whole seconds. */
export function sampleTime(options: SampleOptions): number {
  return options.timestamp ?? Math.floor(Date.now() / 1000);
}

/** An ISO 8601 date of a unix time in seconds. */
export function isoTime(seconds: number, fractionDigits: 0 | 3 | 6 = 0): string {
  const iso = new Date(seconds * 1000).toISOString();
  if (fractionDigits === 3) return iso;
  if (fractionDigits === 6) return iso.replace('Z', '000Z');
  return iso.replace('.000Z', 'Z');
}

export const JSON_CONTENT_TYPE = 'application/json';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
