import {
  type CryptoProvider,
  getDefaultCrypto,
  type HeadersInput,
  isWebhookError,
  type KeyMaterial,
  type Scheme,
  type SignedRequest,
  type VerifiedSignature,
} from '@hookgate/signatures';
import {
  DEFAULT_TOLERANCE,
  factsOf,
  HMAC_PROVIDERS,
  type HmacFlags,
  type ProviderName,
  type SchemeSettings,
  verifierFor,
} from './providers.js';
import { bodyVariants, urlVariants, type Variant } from './variants.js';

/** A delivery that does not verify, and how it was meant to be verified. */
export interface ExplainInput {
  provider: ProviderName;
  /** The secrets (or public keys) the delivery should verify with. */
  secrets: readonly string[];
  /** The request headers as received. */
  headers: HeadersInput;
  /** The body as received (or as the failing verifier was given it). */
  body: Uint8Array;
  /** The URL the verifier used (Twilio and Square sign it). */
  url?: string | undefined;
  /** The time of verification in ms. @default Date.now() */
  now?: number | undefined;
  /** How the custom sender signs, for `hmac`. */
  hmac?: HmacFlags | undefined;
  /** The signature window in seconds. @default the provider's */
  tolerance?: number | undefined;
}

/** One mistake that reproduces the signature. */
export interface Diagnosis {
  /**
   * `timestamp-skew`, `body-pretty-2`, `body-pretty-4`, `body-compact`, `body-spaced`, `body-unicode-escaped`,
   * `newline-added`, `newline-removed`, `crlf-to-lf`, `lf-to-crlf`, `secret-whitespace`,
   * `secret-base64-decoded`, `secret-prefix-removed`, `secret-not-decoded`, `other-provider`,
   * `hmac-variant` or `url-variant`.
   */
  kind: string;
  /** What happened and what to do. Never contains a secret or a signature. */
  message: string;
  /** `timestamp-skew`: the verifier's clock minus the signed time, in seconds. */
  skewSeconds?: number | undefined;
  /** `other-provider`: the provider whose scheme matches. */
  provider?: ProviderName | undefined;
  /** `url-variant`: the URL that matches. */
  url?: string | undefined;
}

/** The verdict, and when the delivery does not verify, what would have made it verify. */
export interface ExplainResult {
  valid: boolean;
  /** What verification found, when valid. */
  verified?: VerifiedSignature | undefined;
  /** The error code, when not valid. */
  code?: string | undefined;
  /** The error message, when not valid. */
  message?: string | undefined;
  /** The mistakes that reproduce the signature, most likely first; empty when none does. */
  diagnoses: Diagnosis[];
}

/**
 * Verifies a delivery and, when it fails, diagnoses why: it retries the verification with the
 * known mistakes undone (a re-serialised or pretty-printed body, a trailing newline, CRLF, a
 * secret used with or without base64 decoding or with whitespace, another provider's scheme,
 * a proxy's URL) and says which one matches; a genuine signature outside the time window is
 * reported with the clock skew in seconds.
 *
 * @example
 * ```ts
 * const result = await explain({ provider: 'stripe', secrets: [secret], headers, body });
 * for (const diagnosis of result.diagnoses) console.log(diagnosis.message);
 * ```
 */
export async function explain(input: ExplainInput): Promise<ExplainResult> {
  const now = input.now ?? Date.now();
  const request: SignedRequest = { headers: input.headers, body: input.body, url: input.url, now };
  const settings: SchemeSettings = {
    provider: input.provider,
    secrets: input.secrets,
    hmac: input.hmac,
    tolerance: input.tolerance,
  };
  const timed = build(settings);
  const first = timed ? await attempt(timed, request) : { error: secretError(settings) };
  if ('verified' in first) return { valid: true, verified: first.verified, diagnoses: [] };
  const result: ExplainResult = { valid: false, ...first.error, diagnoses: [] };
  const add = (diagnosis: Diagnosis) => {
    if (!result.diagnoses.some((d) => d.message === diagnosis.message)) result.diagnoses.push(diagnosis);
  };
  // Every candidate is tried with the time window off: the signature alone decides.
  const timeless = {
    ...settings,
    tolerance: Number.POSITIVE_INFINITY,
    futureTolerance: Number.POSITIVE_INFINITY,
  };

  const asGiven = await matches(build(timeless), request);
  if (asGiven) {
    const skew = timed && (await skewOf(timed, request, asGiven, input));
    if (skew) add(skew);
    return result;
  }

  for (const variant of bodyVariants(input.body)) {
    const changed = { ...request, body: variant.value };
    const verified = await matches(build(timeless), changed);
    if (!verified) continue;
    add({ kind: variant.kind, message: variant.message });
    const skew = timed && (await skewOf(timed, changed, verified, input));
    if (skew) add(skew);
  }

  for (const variant of secretVariants(input.provider, input.secrets)) {
    const scheme = build({
      ...timeless,
      secrets: [placeholderSecret(input.provider)],
      crypto: withKey(variant.value),
    });
    if (await matches(scheme, request)) add({ kind: variant.kind, message: variant.message });
  }

  if (input.provider === 'hmac' && input.hmac?.header) {
    for (const variant of hmacVariants(input.hmac)) {
      if (await matches(build({ ...timeless, hmac: variant.value }), request)) {
        add({ kind: variant.kind, message: variant.message });
      }
    }
  }

  // Several registered senders share one construction (Clerk, Resend… are Svix): name the
  // first that matches, and the others as the same.
  const others: ProviderName[] = [];
  for (const provider of HMAC_PROVIDERS) {
    if (provider === input.provider || provider === 'hmac') continue;
    if (factsOf(provider)?.signsUrl && !input.url) continue;
    if (await matches(build({ ...timeless, provider }), request)) others.push(provider);
  }
  const [provider, ...alike] = others;
  if (provider !== undefined) {
    const same = alike.length === 0 ? '' : ` (signed the same way: ${alike.join(', ')})`;
    add({
      kind: 'other-provider',
      provider,
      message: `the delivery is signed the way ${provider} signs, with this secret: verify it as ${provider} (--provider ${provider})${same}`,
    });
  }

  if (input.url && factsOf(input.provider)?.signsUrl) {
    for (const variant of urlVariants(input.url)) {
      const changed = { ...request, url: variant.value };
      const verified = await matches(build(timeless), changed);
      if (!verified) continue;
      add({ kind: variant.kind, message: variant.message, url: variant.value });
      const skew = timed && (await skewOf(timed, changed, verified, input));
      if (skew) add(skew);
      // Variants come fewest changes first; the others that match (Twilio accepts several
      // port forms itself) add nothing.
      break;
    }
  }
  return result;
}

function build(settings: SchemeSettings): Scheme | undefined {
  try {
    return verifierFor(settings);
  } catch {
    return undefined;
  }
}

function secretError(settings: SchemeSettings) {
  try {
    verifierFor(settings);
    return { code: 'INVALID_SECRET', message: 'the secret is not usable' };
  } catch (error) {
    return { code: isWebhookError(error) ? error.code : 'INVALID_SECRET', message: (error as Error).message };
  }
}

async function attempt(scheme: Scheme, request: SignedRequest) {
  try {
    return { verified: await scheme.verify(request) };
  } catch (error) {
    if (!isWebhookError(error)) throw error;
    return { error: { code: error.code as string, message: error.message } };
  }
}

async function matches(
  scheme: Scheme | undefined,
  request: SignedRequest,
): Promise<VerifiedSignature | undefined> {
  if (!scheme) return undefined;
  const outcome = await attempt(scheme, request);
  return 'verified' in outcome ? outcome.verified : undefined;
}

/**
 * A genuine signature outside the window: verify again with the clock set to the signed time;
 * if that passes, the only problem is time, and the skew is how far apart the clocks are.
 */
async function skewOf(
  timed: Scheme,
  request: SignedRequest,
  verified: VerifiedSignature,
  input: ExplainInput,
): Promise<Diagnosis | undefined> {
  if (verified.timestamp === undefined) return undefined;
  if (await matches(timed, request)) return undefined;
  // Seconds are reported as seconds; milliseconds and dates (as epoch ms) as milliseconds.
  const unit = factsOf(input.provider)?.timestamp?.unit ?? 'seconds';
  const signedMs = unit === 'seconds' ? verified.timestamp * 1000 : verified.timestamp;
  if (!(await matches(timed, { ...request, now: signedMs }))) return undefined;
  const skewSeconds = Math.round((request.now! - signedMs) / 1000);
  const window = input.tolerance ?? DEFAULT_TOLERANCE[input.provider];
  const windowText = window === undefined ? 'outside the window' : `outside the ${window} s window`;
  const signedSeconds = Math.floor(signedMs / 1000);
  const message =
    skewSeconds >= 0
      ? `the signature is genuine, but it was made ${skewSeconds} s (${duration(skewSeconds)}) before this clock, ${windowText}: this machine's clock is ahead, or the delivery was delayed or replayed; check the clock (NTP), or pass --now ${signedSeconds} to verify an old capture`
      : `the signature is genuine, but it was made ${-skewSeconds} s (${duration(-skewSeconds)}) after this clock, ${windowText}: this machine's clock is behind the sender's; check the clock (NTP)`;
  return { kind: 'timestamp-skew', message, skewSeconds };
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

const encoder = new TextEncoder();
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Keys the sender may have used instead of the secret as configured. */
function secretVariants(provider: ProviderName, secrets: readonly string[]): Variant<Uint8Array>[] {
  if (!HMAC_PROVIDERS.includes(provider)) return [];
  const decodes = factsOf(provider)?.secret.encoding === 'whsec';
  const out: Variant<Uint8Array>[] = [];
  for (const secret of secrets) {
    const trimmed = secret.trim();
    if (trimmed !== secret && trimmed !== '') {
      out.push({
        kind: 'secret-whitespace',
        value: decodes
          ? (decodeBase64(trimmed.replace(/^whsec_/, '')) ?? encoder.encode(trimmed))
          : encoder.encode(trimmed),
        message:
          'the signature matches the secret without its surrounding whitespace: the configured secret has a trailing newline or spaces (from a .env file or copy-paste); trim it',
      });
    }
    if (decodes) {
      out.push({
        kind: 'secret-not-decoded',
        value: encoder.encode(trimmed),
        message: `the signature matches the whsec_ secret used as text (its UTF-8 bytes, the way Stripe uses its secrets), not base64-decoded as ${provider} requires: the sender does not follow Standard Webhooks, or this is a Stripe delivery (try --provider stripe)`,
      });
      continue;
    }
    const rest = trimmed.startsWith('whsec_') ? trimmed.slice('whsec_'.length) : undefined;
    const decoded = decodeBase64(rest ?? trimmed);
    if (decoded && decoded.length >= 16) {
      out.push({
        kind: 'secret-base64-decoded',
        value: decoded,
        message:
          rest === undefined
            ? `the signature matches the secret base64-decoded: the sender keys the HMAC with the decoded bytes, while ${provider} uses the secret's text as it is`
            : `the signature matches the secret base64-decoded after whsec_ (the Standard Webhooks / Svix way), while ${provider} keys the HMAC with the whole whsec_… text: the delivery is not from ${provider} (try --provider standard-webhooks or svix)`,
      });
    }
    if (rest !== undefined) {
      out.push({
        kind: 'secret-prefix-removed',
        value: encoder.encode(rest),
        message:
          'the signature matches the secret without its whsec_ prefix: the sender keys the HMAC with the text after whsec_; configure the secret as the sender uses it',
      });
    }
  }
  return out;
}

function decodeBase64(text: string): Uint8Array | undefined {
  return text !== '' && BASE64.test(text) ? new Uint8Array(Buffer.from(text, 'base64')) : undefined;
}

/** A valid secret for building a scheme whose key {@link withKey} replaces. */
function placeholderSecret(provider: ProviderName): string {
  const encoding = factsOf(provider)?.secret.encoding;
  if (encoding === 'whsec') return `whsec_${'A'.repeat(43)}=`;
  if (encoding === 'base64') return `${'A'.repeat(43)}=`;
  if (encoding === 'hex') return '00'.repeat(32);
  return 'placeholder';
}

/** The default crypto, except that every HMAC uses `bytes` as its key. */
function withKey(bytes: Uint8Array): CryptoProvider {
  const inner = getDefaultCrypto();
  const key: KeyMaterial = { bytes };
  return {
    name: inner.name,
    hmac: (algorithm, _key, parts) => inner.hmac(algorithm, key, parts),
    digest: (algorithm, data) => inner.digest(algorithm, data),
    verifyEd25519: (publicKey, signature, parts) => inner.verifyEd25519(publicKey, signature, parts),
    signEd25519: (seed, parts) => inner.signEd25519(seed, parts),
    verifyEcdsaP256: (publicKey, signature, parts) => inner.verifyEcdsaP256(publicKey, signature, parts),
    signEcdsaP256: (privateKey, parts) => inner.signEcdsaP256(privateKey, parts),
  };
}

/** A custom sender's signature with another hash or encoding than configured. */
function hmacVariants(flags: HmacFlags): Variant<HmacFlags>[] {
  const out: Variant<HmacFlags>[] = [];
  const current = `${flags.algorithm ?? 'sha256'}/${flags.encoding ?? 'hex'}`;
  for (const algorithm of ['sha256', 'sha1', 'sha512'] as const) {
    for (const encoding of ['hex', 'base64'] as const) {
      if (`${algorithm}/${encoding}` === current) continue;
      out.push({
        kind: 'hmac-variant',
        value: { ...flags, algorithm, encoding },
        message: `the signature is HMAC-${algorithm.toUpperCase()} written in ${encoding}, not ${current.replace('/', ' in ')}: pass --algorithm ${algorithm} --encoding ${encoding}`,
      });
    }
  }
  return out;
}
