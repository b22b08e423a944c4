import { createHash, generateKeyPairSync } from 'node:crypto';
import * as signatures from '@hookgate/signatures';
import {
  adyen,
  auth0,
  type CryptoProvider,
  chargebee,
  createNodeCrypto,
  createWebCrypto,
  deepgram,
  discord,
  github,
  gitlab,
  hmac,
  isWebhookError,
  kick,
  linear,
  mailgun,
  okta,
  paddle,
  postmark,
  revenuecat,
  type Scheme,
  type SignedRequest,
  type SignInput,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooks,
  stripe,
  svix,
  telegram,
  telnyx,
  twilio,
  type WebhookError,
  type WebhookErrorCode,
  wise,
} from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registryCases } from './registry-entries.js';

// Every scheme of @hookgate/signatures against hostile input: random and garbled headers,
// bodies and URLs must never verify, must reject only with a WebhookError whose status is the
// table's, and must settle quickly. Then, starting from a genuine signed request, one random
// change (a body byte, a header character, a dropped header, a URL character) must reject.

// 30 hand-written table entries (15 configurations × 2 crypto providers) × (2 × 400 + 300) =
// 33,000 cases, plus every other registered provider (× 2 crypto) × 3 × 60.
const HOSTILE_RUNS = 400;
const MUTATION_RUNS = 300;
const TIME_LIMIT_MS = 2000;

const T = 1_700_000_000;
const NOW = T * 1000;
const URL_BASE = 'https://hooks.example.com/in/ab12cd';

// Keys made once per run: Ed25519 for Discord and Standard Webhooks v1a, P-256 for SendGrid.
const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
const edPublic = Buffer.from(ed.x!, 'base64url');
const edSeed = Buffer.from(ed.d!, 'base64url');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const SENDGRID_PUBLIC = p256.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const SENDGRID_PRIVATE = p256.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const WHSEC = `whsec_${Buffer.alloc(32, 0x5a).toString('base64')}`;
const WHPK = `whpk_${edPublic.toString('base64')}`;
const WHSK = `whsk_${Buffer.concat([edSeed, edPublic]).toString('base64')}`;
const PLAIN = 'plain-shared-secret-0123456789';
// RSA for Kick (PEM), Ed25519 for Telnyx (base64 raw key and seed).
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KICK_PUBLIC = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const KICK_PRIVATE = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const ADYEN_KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';

type Body = Uint8Array | string;
type Mutation = 'body' | 'header' | 'drop' | 'url';

interface Entry {
  label: string;
  /** The export of @hookgate/signatures that made `scheme`. */
  factory: string;
  /** Tells apart two configurations of one scheme. */
  variant?: string;
  scheme: Scheme;
  /** Header names the scheme reads, so that hostile values reach its parsers. */
  reads: readonly string[];
  /** Bodies of genuine deliveries. */
  body: fc.Arbitrary<Body>;
  /** What a genuine sender signs. */
  input(body: Body): SignInput;
  /** Headers of `sign()` that the signature covers: changing or dropping one must fail. */
  signed: readonly string[];
  /** The single changes that must make a genuine request fail. */
  mutations: readonly Mutation[];
  /** May answer INVALID_SECRET (500) to a request without the URL the server must pass. */
  needsUrl?: boolean;
  /** Secret material that no error message may contain. */
  secrets: readonly string[];
  /** Whether two values of a signed header carry the same signature bytes (an equivalent encoding). */
  same?(name: string, a: string, b: string): boolean;
  /** What of the body the signature covers. @default its bytes, in hex */
  covered?(body: Body): string;
  /** Runs of each property. @default HOSTILE_RUNS and MUTATION_RUNS */
  runs?: number;
  /** `false` for shared tokens: the body is not covered, so only header changes must fail. */
  bodyIntegrity?: false;
  /** Signs inside the body (Mailgun, Adyen): random requests only, which may also be INVALID_PAYLOAD. */
  signsInBody?: true;
}

const anyBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constant(''),
  fc.uint8Array({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 2 }),
);
const jsonBody = fc.json({ maxDepth: 2 });
const linearBody = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 })
  .map((data) => JSON.stringify({ ...data, action: 'create', webhookTimestamp: NOW }));
const formBody = fc
  .array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 12 })), {
    maxLength: 6,
  })
  .map((pairs) => new URLSearchParams(pairs).toString());
const sha256Hex = (body: Body) => createHash('sha256').update(body).digest('hex');

/** What Twilio signs of a form body: `name + value` of each distinct pair, sorted (twilio-node). */
function twilioParams(body: Body): string {
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  const pairs = new Set(
    [...new URLSearchParams(`&${text}`)].map(([name, value]) => JSON.stringify([name, value])),
  );
  return [...pairs]
    .map((pair) => JSON.parse(pair) as [string, string])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => name + value)
    .join('');
}

/**
 * Same signature bytes after base64 decoding: a change in the padding bits of the last
 * character, which the decoder ignores (RFC 4648 §3.5 allows a decoder to), or the last `=`
 * turned into a space: HTTP drops whitespace around a field value (RFC 9110 §5.5), so no
 * server hands that space to a verifier, and the one `=` left is padding a decoder completes.
 */
const sameBase64 = (header: string) => (name: string, a: string, b: string) => {
  if (name !== header) return false;
  const decode = (s: string) => Buffer.from(s.slice(s.indexOf(',') + 1), 'base64').toString('hex');
  const value = b.replace(/^[ \t]+|[ \t]+$/g, '');
  return /^[A-Za-z0-9+/=,]*$/.test(value) && decode(a) === decode(value);
};

/** The shared-token schemes: a token, or Basic credentials, in one header. */
function tokenEntries(crypto: CryptoProvider): Omit<Entry, 'label'>[] {
  // The same credentials: equal after base64 decoding, also when the last `=` became a space
  // (HTTP drops whitespace around a field value, as in `sameBase64`).
  const basic = (header: string) => (name: string, a: string, b: string) => {
    const value = b.replace(/[ \t]+$/, '');
    return (
      name === header &&
      /^basic [A-Za-z0-9+/=]*$/i.test(value) &&
      Buffer.from(a.slice(6), 'base64').equals(Buffer.from(value.slice(6), 'base64'))
    );
  };
  const table = [
    [gitlab, 'gitlab', 'X-Gitlab-Token', PLAIN],
    [telegram, 'telegram', 'X-Telegram-Bot-Api-Secret-Token', PLAIN],
    [deepgram, 'deepgram', 'dg-token', PLAIN],
    [revenuecat, 'revenuecat', 'Authorization', PLAIN],
    [auth0, 'auth0', 'Authorization', PLAIN],
    [okta, 'okta', 'Authorization', PLAIN],
    [postmark, 'postmark', 'Authorization', `hook-user:${PLAIN}`],
    [chargebee, 'chargebee', 'Authorization', `hook-user:${PLAIN}`],
  ] as const;
  return table.map(([factory, name, header, secret]) => ({
    factory: name,
    scheme: factory({ secret, crypto }),
    reads: [header],
    body: anyBody,
    input: (body: Body) => ({ body }),
    signed: [header],
    mutations: ['header', 'drop'] as Mutation[],
    secrets: [secret],
    bodyIntegrity: false as const,
    ...(secret.includes(':') ? { same: basic(header) } : {}),
  }));
}

function entries(crypto: CryptoProvider, cryptoName: string): Entry[] {
  const at = (input: Omit<SignInput, 'timestamp'>): SignInput => ({ ...input, timestamp: T });
  const list: Omit<Entry, 'label'>[] = [
    {
      factory: 'stripe',
      scheme: stripe({ secret: 'whsec_stripe_property_secret', crypto }),
      reads: ['Stripe-Signature'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['Stripe-Signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: ['whsec_stripe_property_secret'],
    },
    {
      factory: 'github',
      scheme: github({ secret: PLAIN, crypto }),
      reads: ['X-Hub-Signature-256', 'X-Hub-Signature', 'X-GitHub-Delivery'],
      body: anyBody,
      input: (body) => ({ body }),
      signed: ['X-Hub-Signature-256'],
      mutations: ['body', 'header', 'drop'],
      secrets: [PLAIN],
    },
    {
      factory: 'standardWebhooks',
      scheme: standardWebhooks({ secret: WHSEC, crypto }),
      reads: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      body: anyBody,
      input: (body) => at({ body, id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' }),
      signed: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: [WHSEC, WHSEC.slice(6)],
    },
    {
      factory: 'standardWebhooks',
      variant: 'v1a',
      scheme: standardWebhooks({ publicKey: WHPK, privateKey: WHSK, crypto }),
      reads: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      body: anyBody,
      input: (body) => at({ body, id: 'msg_v1a' }),
      signed: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: [WHSK, WHSK.slice(5)],
      same: sameBase64('webhook-signature'),
    },
    {
      factory: 'svix',
      scheme: svix({ secret: WHSEC, crypto }),
      reads: [
        'svix-id',
        'svix-timestamp',
        'svix-signature',
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
      ],
      body: anyBody,
      input: (body) => at({ body, id: 'msg_svix' }),
      signed: ['svix-id', 'svix-timestamp', 'svix-signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: [WHSEC, WHSEC.slice(6)],
    },
    {
      factory: 'slack',
      scheme: slack({ secret: PLAIN, crypto }),
      reads: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
      mutations: ['body', 'header', 'drop'],
      secrets: [PLAIN],
    },
    {
      factory: 'shopify',
      scheme: shopify({ secret: PLAIN, crypto }),
      reads: ['X-Shopify-Hmac-Sha256', 'shopify-hmac-sha256', 'X-Shopify-Webhook-Id', 'shopify-webhook-id'],
      body: anyBody,
      input: (body) => ({ body }),
      signed: ['X-Shopify-Hmac-Sha256'],
      mutations: ['body', 'header', 'drop'],
      secrets: [PLAIN],
    },
    {
      factory: 'paddle',
      scheme: paddle({ secret: `pdl_ntfset_${PLAIN}`, crypto }),
      reads: ['Paddle-Signature'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['Paddle-Signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: [`pdl_ntfset_${PLAIN}`],
    },
    {
      factory: 'linear',
      scheme: linear({ secret: PLAIN, crypto }),
      reads: ['Linear-Signature', 'Linear-Delivery', 'Linear-Timestamp'],
      body: linearBody,
      input: (body) => ({ body }),
      signed: ['Linear-Signature'],
      mutations: ['body', 'header', 'drop'],
      secrets: [PLAIN],
    },
    {
      factory: 'square',
      scheme: square({ secret: PLAIN, crypto }),
      reads: ['x-square-hmacsha256-signature', 'x-square-signature'],
      body: anyBody,
      input: (body) => ({ body, url: URL_BASE }),
      signed: ['x-square-hmacsha256-signature'],
      mutations: ['body', 'header', 'drop', 'url'],
      needsUrl: true,
      secrets: [PLAIN],
    },
    {
      factory: 'hmac',
      scheme: hmac({
        secret: PLAIN,
        crypto,
        header: 'X-Acme-Signature',
        prefix: 'sha256=',
        timestampHeader: 'X-Acme-Timestamp',
        idHeader: 'X-Acme-Id',
        template: '{id}.{timestamp}.{body}',
      }),
      reads: ['X-Acme-Signature', 'X-Acme-Timestamp', 'X-Acme-Id'],
      body: anyBody,
      input: (body) => at({ body, id: 'acme-1' }),
      signed: ['X-Acme-Signature', 'X-Acme-Timestamp', 'X-Acme-Id'],
      mutations: ['body', 'header', 'drop'],
      secrets: [PLAIN],
    },
    {
      // Form bodies: Twilio signs `name + value` pairs joined without delimiters, so some
      // byte changes (`a=b&c=d` → `a&b&c=d`) sign the same text by design; bodies are
      // changed in the bodySHA256 entry below, where the raw bytes are hashed.
      factory: 'twilio',
      variant: 'form',
      scheme: twilio({ secret: PLAIN, crypto }),
      reads: ['X-Twilio-Signature', 'I-Twilio-Idempotency-Token', 'Content-Type'],
      body: formBody,
      input: (body) => ({ body, url: URL_BASE }),
      signed: ['X-Twilio-Signature'],
      mutations: ['header', 'drop', 'url'],
      needsUrl: true,
      secrets: [PLAIN],
      covered: twilioParams,
    },
    {
      factory: 'twilio',
      variant: 'bodySHA256',
      scheme: twilio({ secret: PLAIN, crypto }),
      reads: ['X-Twilio-Signature', 'I-Twilio-Idempotency-Token', 'Content-Type'],
      body: jsonBody,
      input: (body) => ({ body, url: `${URL_BASE}?bodySHA256=${sha256Hex(body)}` }),
      signed: ['X-Twilio-Signature'],
      mutations: ['body', 'header', 'drop', 'url'],
      needsUrl: true,
      secrets: [PLAIN],
    },
    {
      factory: 'discord',
      scheme: discord({ publicKey: edPublic.toString('hex'), privateKey: edSeed.toString('hex'), crypto }),
      reads: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
      mutations: ['body', 'header', 'drop'],
      secrets: [edSeed.toString('hex')],
      // Hex digits are read in either case (discord-interactions does the same).
      same: (name, a, b) => name === 'X-Signature-Ed25519' && a.toLowerCase() === b.toLowerCase(),
    },
    {
      factory: 'sendgrid',
      scheme: sendgrid({ publicKey: SENDGRID_PUBLIC, privateKey: SENDGRID_PRIVATE, crypto }),
      reads: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'],
      mutations: ['body', 'header', 'drop'],
      secrets: [SENDGRID_PRIVATE],
      same: sameBase64('X-Twilio-Email-Event-Webhook-Signature'),
    },
    {
      factory: 'kick',
      scheme: kick({ publicKey: KICK_PUBLIC, privateKey: KICK_PRIVATE, crypto }),
      reads: ['Kick-Event-Signature', 'Kick-Event-Message-Id', 'Kick-Event-Message-Timestamp'],
      body: anyBody,
      input: (body) => at({ body, id: '01JGZ5W2Y3V1X0ZQJ9Y7H8K6M4' }),
      signed: ['Kick-Event-Signature', 'Kick-Event-Message-Id', 'Kick-Event-Message-Timestamp'],
      mutations: ['body', 'header', 'drop'],
      secrets: [KICK_PRIVATE],
      same: sameBase64('Kick-Event-Signature'),
      runs: 100,
    },
    {
      factory: 'telnyx',
      scheme: telnyx({
        publicKey: edPublic.toString('base64'),
        privateKey: edSeed.toString('base64'),
        crypto,
      }),
      reads: ['telnyx-signature-ed25519', 'telnyx-timestamp'],
      body: anyBody,
      input: (body) => at({ body }),
      signed: ['telnyx-signature-ed25519', 'telnyx-timestamp'],
      mutations: ['body', 'header', 'drop'],
      secrets: [edSeed.toString('base64')],
      same: sameBase64('telnyx-signature-ed25519'),
    },
    {
      factory: 'wise',
      scheme: wise({ publicKey: KICK_PUBLIC, privateKey: KICK_PRIVATE, crypto }),
      reads: ['X-Signature-SHA256', 'X-Delivery-Id'],
      body: anyBody,
      input: (body) => ({ body, id: 'wise-delivery-1' }),
      signed: ['X-Signature-SHA256'],
      mutations: ['body', 'header', 'drop'],
      secrets: [KICK_PRIVATE],
      same: sameBase64('X-Signature-SHA256'),
      runs: 100,
    },
    ...tokenEntries(crypto),
    ...[mailgun({ secret: PLAIN, crypto }), adyen({ secret: ADYEN_KEY, crypto })].map((scheme) => ({
      factory: scheme.name,
      scheme,
      reads: ['content-type'],
      body: jsonBody,
      input: (body: Body) => at({ body }),
      signed: [],
      mutations: [],
      secrets: [PLAIN, ADYEN_KEY],
      signsInBody: true as const,
    })),
  ];
  return list.map((entry) => ({
    ...entry,
    label: `${entry.scheme.name}${entry.variant ? ` ${entry.variant}` : ''} (${cryptoName} crypto)`,
  }));
}

const providers = [
  { name: 'node', crypto: createNodeCrypto()! },
  { name: 'web', crypto: createWebCrypto() },
];
const handWritten = providers.flatMap(({ name, crypto }) => entries(crypto, name));
const handWrittenFactories = new Set(handWritten.map((entry) => entry.factory));

// Every other registered provider, learnt from the registry (they share the preset code, so
// fewer runs each): adding a provider to the registry adds it here.
const REGISTRY_RUNS = 60;
const fromRegistry: Entry[] = [];
for (const { name: cryptoName, crypto } of providers) {
  for (const c of await registryCases(crypto, handWrittenFactories)) {
    // Senders that sign a form's sorted parameters (Mandrill) sign its meaning, not its bytes.
    const form = c.entry.preset?.template.includes('{params}') === true;
    const mutations: Mutation[] = form ? ['header', 'drop'] : ['body', 'header', 'drop'];
    fromRegistry.push({
      label: `${c.provider} (${cryptoName} crypto)`,
      factory: c.factory,
      scheme: c.entry.create({ secret: c.secret, crypto }),
      reads: c.reads,
      body: form ? formBody : anyBody,
      input: (body) => ({ body, timestamp: T, id: 'delivery-1', url: c.url }),
      signed: c.signed,
      mutations: c.url === undefined ? mutations : [...mutations, 'url'],
      needsUrl: c.url !== undefined,
      secrets: [c.secret],
      ...(form ? { covered: twilioParams } : {}),
      runs: REGISTRY_RUNS,
    });
  }
}
const table = [...handWritten, ...fromRegistry];

const coveredFactories = [...new Set(table.map((entry) => entry.factory))].sort();

/** Exports of the package that are functions but make no scheme. */
const NOT_SCHEMES = new Set([
  'concatBytes',
  'emptyAnswer',
  'isDiscordWebhookEvent',
  'isJsonText',
  'jsonAnswer',
  'queryOf',
  'queryParam',
  'textAnswer',
  'createPresetScheme',
  'isProviderName',
  'providerEntry',
  'createNodeCrypto',
  'createWebCrypto',
  'getDefaultCrypto',
  'getHeader',
  'isWebhookError',
  'toBase64',
  'toBytes',
  'toHex',
  'WebhookError',
]);

// ---------------------------------------------------------------------------------------------
// Hostile input.

const TOKENS = [
  't=',
  'v1=',
  'v0=',
  'v1,',
  'v1a,',
  'v2,',
  'sha256=',
  'sha1=',
  'ts=',
  'h1=',
  'whsec_',
  ',',
  ';',
  '=',
  ' ',
  '  ',
  '\t',
  '.',
  ':',
  '%',
  '-',
  '\u2665',
  'é',
  '\u0000',
  '\r\n',
];
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: 130 });
const base64ish = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
  maxLength: 100,
});
const digits = fc.oneof(
  fc.integer({ min: T - 400, max: T + 400 }).map(String),
  fc.integer({ min: (T - 400) * 1000, max: (T + 400) * 1000 }).map(String),
  fc.nat().map(String),
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 24 }),
);
const token = fc.oneof(
  fc.constantFrom(...TOKENS),
  hexish,
  base64ish,
  digits,
  fc.string({ unit: 'binary', maxLength: 16 }),
);
/** Values built from the pieces of real headers, so that they get past the first checks. */
const structured = fc.array(token, { maxLength: 10 }).map((parts) => parts.join(''));
/** About 8 KiB, a common proxy limit for one header. */
const oversized = fc
  .tuple(token, fc.integer({ min: 7 * 1024, max: 9 * 1024 }))
  .map(([piece, size]) => (piece || 'x').repeat(Math.ceil(size / Math.max(1, piece.length))).slice(0, size));
const headerText = fc.oneof(
  { weight: 8, arbitrary: structured },
  { weight: 1, arbitrary: oversized },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constant('') },
);
const headerValue = fc.oneof(
  { weight: 8, arbitrary: headerText },
  { weight: 1, arbitrary: headerText.map((value) => [value, value]) },
  { weight: 2, arbitrary: fc.array(headerText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const caseOf = (name: string) =>
  fc.constantFrom(
    name,
    name.toLowerCase(),
    name.toUpperCase(),
    name.replace(/[a-z]/g, (c) => (Math.random() < 0.5 ? c.toUpperCase() : c)),
  );

function hostileHeaders(reads: readonly string[]) {
  const known = fc.array(fc.tuple(fc.constantFrom(...reads).chain(caseOf), headerValue), {
    maxLength: reads.length + 2,
  });
  const other = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom('content-type', 'x-forwarded-for'), fc.string({ maxLength: 12 })),
      headerValue,
    ),
    {
      maxLength: 2,
    },
  );
  return fc.tuple(known, other, fc.boolean()).map(([a, b, asWebHeaders]) => {
    const pairs = [...a, ...b];
    return asWebHeaders ? toWebHeaders(pairs) : Object.fromEntries(pairs);
  });
}

/** A web `Headers` object; values it refuses (control or non-Latin-1 characters) are left out. */
function toWebHeaders(pairs: readonly (readonly [string, string | string[] | undefined])[]): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    for (const one of value === undefined ? [] : typeof value === 'string' ? [value] : value) {
      try {
        headers.append(name, one);
      } catch {
        // Not a valid header; a real request could not carry it either.
      }
    }
  }
  return headers;
}

const hostileBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 600 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 64 * 1024, max: 512 * 1024 }), fc.integer({ min: 0, max: 255 }))
      .map(([size, byte]) => new Uint8Array(size).fill(byte)),
  },
);
const hostileUrl = fc.oneof(
  fc.constant(undefined),
  fc.constant(URL_BASE),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  structured.map((rest) => `${URL_BASE}?${rest}`),
);
const hostileNow = fc.oneof(
  fc.constant(NOW),
  fc.constant(undefined),
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
);

/** One edit of a genuine header set; several make a delivery that is nearly right. */
const headerEdit = fc.record({
  target: fc.nat(),
  at: fc.nat(),
  token,
  op: fc.constantFrom(
    'replace',
    'insert',
    'replace-char',
    'truncate',
    'duplicate-different',
    'duplicate-same',
    'drop',
    'rename-case',
    'oversize',
  ),
});
type HeaderEdit = typeof headerEdit extends fc.Arbitrary<infer TEdit> ? TEdit : never;

function applyEdits(genuine: Record<string, string>, edits: readonly HeaderEdit[]) {
  const headers: Record<string, string | string[]> = { ...genuine };
  for (const edit of edits) {
    const names = Object.keys(headers);
    if (names.length === 0) break;
    const name = names[edit.target % names.length]!;
    const current = headers[name]!;
    const value = typeof current === 'string' ? current : (current[0] ?? '');
    const at = edit.at % (value.length + 1);
    switch (edit.op) {
      case 'replace':
        headers[name] = edit.token;
        break;
      case 'insert':
        headers[name] = value.slice(0, at) + edit.token + value.slice(at);
        break;
      case 'replace-char':
        headers[name] = value.slice(0, at) + (edit.token || ',') + value.slice(at + 1);
        break;
      case 'truncate':
        headers[name] = value.slice(0, at);
        break;
      case 'duplicate-different':
        headers[name] = [value, value + (edit.token || '0')];
        break;
      case 'duplicate-same':
        headers[name] = [value, value];
        break;
      case 'drop':
        delete headers[name];
        break;
      case 'rename-case':
        delete headers[name];
        headers[at % 2 === 0 ? name.toUpperCase() : name.toLowerCase()] = current;
        break;
      case 'oversize':
        headers[name] = value + (edit.token || 'x').repeat(Math.ceil(8192 / Math.max(1, edit.token.length)));
        break;
    }
  }
  return headers;
}

const garbled = fc.record({
  signBody: fc.oneof(anyBody, formBody),
  edits: fc.array(headerEdit, { maxLength: 3 }),
  body: hostileBody,
  url: fc.oneof(fc.constant('signed' as const), hostileUrl),
  now: fc.oneof(fc.constant(NOW), hostileNow),
  asWebHeaders: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Outcomes.

type Outcome =
  | { kind: 'resolved'; value: unknown }
  | { kind: 'rejected'; error: unknown }
  | { kind: 'timeout' };

async function settle(scheme: Scheme, request: SignedRequest): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), TIME_LIMIT_MS);
  });
  let verification: Promise<unknown>;
  try {
    verification = scheme.verify(request);
  } catch (error) {
    // A synchronous throw from verify() is a defect of its own: callers await it.
    return { kind: 'rejected', error: new Error(`verify threw synchronously: ${String(error)}`) };
  }
  const outcome = verification.then(
    (value): Outcome => ({ kind: 'resolved', value }),
    (error: unknown): Outcome => ({ kind: 'rejected', error }),
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const REQUEST_CODES: readonly WebhookErrorCode[] = [
  'MISSING_HEADER',
  'MALFORMED_HEADER',
  'INVALID_SIGNATURE',
  'TIMESTAMP_OUT_OF_RANGE',
];

function expectRejection(entry: Entry, outcome: Outcome, what: string): WebhookError {
  if (outcome.kind === 'resolved') {
    throw new Error(`${entry.label} accepted ${what}: ${JSON.stringify(outcome.value)}`);
  }
  if (outcome.kind === 'timeout') throw new Error(`${entry.label} did not settle within ${TIME_LIMIT_MS} ms`);
  const { error } = outcome;
  if (!isWebhookError(error))
    throw new Error(`${entry.label} rejected with a non-WebhookError: ${String(error)}`);
  expect(Object.keys(signatures.errorCodes)).toContain(error.code);
  const allowed = [
    ...REQUEST_CODES,
    ...(entry.needsUrl ? (['INVALID_SECRET'] as const) : []),
    ...(entry.signsInBody ? (['INVALID_PAYLOAD'] as const) : []),
  ];
  expect(allowed, `${entry.label}: ${error.code}: ${error.message}`).toContain(error.code);
  for (const secret of entry.secrets) expect(error.message).not.toContain(secret);
  return error;
}

// ---------------------------------------------------------------------------------------------
// Mutations of a genuine request.

const bytesOf = (body: Body) => (typeof body === 'string' ? new TextEncoder().encode(body) : body);
const ALPHANUMERIC = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const REPLACEMENTS = [...ALPHANUMERIC, ...'+/=,;: .-_%', 'é', '\u2665'];

/** A different character, also when case is ignored (hex is read in either case by some schemes). */
function replaceChar(text: string, at: number, pick: number, alphabet: readonly string[]): string {
  const index = at % text.length;
  const old = text[index]!.toLowerCase();
  const choices = alphabet.filter((c) => c.toLowerCase() !== old);
  return text.slice(0, index) + choices[pick % choices.length]! + text.slice(index + 1);
}

/** One change: its kind, two numbers that pick where, and the XOR or replacement to apply. */
interface Change {
  kind: Mutation;
  a: number;
  b: number;
  flip: number;
}

const mutation = (kinds: readonly Mutation[]): fc.Arbitrary<Change> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    a: fc.nat(),
    b: fc.nat(),
    flip: fc.integer({ min: 1, max: 255 }),
  });

interface Genuine {
  headers: Record<string, string>;
  body: Body;
  url: string | undefined;
}

/** Applies one change; `undefined` when the change carries the same meaning (skipped). */
function mutate(entry: Entry, genuine: Genuine, change: Change): SignedRequest | undefined {
  const headers = { ...genuine.headers };
  let body = genuine.body;
  let url = genuine.url;
  const signed = entry.signed.filter((name) => headers[name] !== undefined);
  const name = signed[change.a % signed.length]!;
  switch (change.kind) {
    case 'body': {
      const bytes = bytesOf(body).slice();
      if (bytes.length === 0) body = Uint8Array.of(change.flip);
      else {
        const index = change.b % bytes.length;
        bytes[index] = bytes[index]! ^ change.flip;
        body = bytes;
      }
      break;
    }
    case 'header': {
      const value = replaceChar(headers[name]!, change.b, change.flip, REPLACEMENTS);
      if (entry.same?.(name, headers[name]!, value)) return undefined;
      headers[name] = value;
      break;
    }
    case 'drop':
      delete headers[name];
      break;
    case 'url': {
      // A character of the path (not the scheme, host or port, which Twilio's URL forms vary).
      const start = new URL(url!).origin.length + 1;
      const end = url!.includes('?') ? url!.indexOf('?') : url!.length;
      const index = start + (change.b % (end - start));
      url =
        url!.slice(0, index) +
        replaceChar(url!.slice(index, index + 1), 0, change.flip, ALPHANUMERIC) +
        url!.slice(index + 1);
      break;
    }
  }
  return { headers, body, url, now: NOW };
}

// ---------------------------------------------------------------------------------------------

describe('every scheme of @hookgate/signatures', () => {
  it('is in the table (a new scheme export fails here until it is added)', () => {
    const exported = Object.entries(signatures)
      .filter(([name, value]) => typeof value === 'function' && !NOT_SCHEMES.has(name))
      .map(([name]) => name)
      .sort();
    expect(coveredFactories).toEqual(exported);
  });
});

describe.each(table)('$label', (entry) => {
  it('never accepts, never crashes and never hangs on random requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileHeaders(entry.reads),
        hostileBody,
        hostileUrl,
        hostileNow,
        async (headers, body, url, now) => {
          expectRejection(entry, await settle(entry.scheme, { headers, body, url, now }), 'a random request');
        },
      ),
      { numRuns: entry.runs ?? HOSTILE_RUNS },
    );
  });

  // A token covers no body, and an in-body signature no header: these two do not apply.
  if (entry.bodyIntegrity !== false && !entry.signsInBody)
    it('never accepts, never crashes and never hangs on garbled genuine headers over another body', async () => {
      const covered = entry.covered ?? ((body: Body) => Buffer.from(bytesOf(body)).toString('hex'));
      await fc.assert(
        fc.asyncProperty(garbled, async (c) => {
          const input = entry.input(c.signBody);
          const headers = applyEdits(await entry.scheme.sign(input), c.edits);
          // Another body: what the signature covers must differ, or this would be a genuine request.
          let body = c.body;
          if (covered(body) === covered(c.signBody)) body = new Uint8Array([...bytesOf(body), 0x5a]);
          fc.pre(covered(body) !== covered(c.signBody));
          const request: SignedRequest = {
            headers: c.asWebHeaders ? toWebHeaders(Object.entries(headers)) : headers,
            body,
            url: c.url === 'signed' ? input.url : c.url,
            now: c.now,
          };
          expectRejection(entry, await settle(entry.scheme, request), 'a garbled request');
        }),
        { numRuns: entry.runs ?? HOSTILE_RUNS },
      );
    });

  if (!entry.signsInBody)
    it('refuses a genuine request after one change', async () => {
      await fc.assert(
        fc.asyncProperty(
          entry.body,
          mutation(entry.mutations),
          fc.boolean(),
          async (body, change, lowerCase) => {
            const input = entry.input(body);
            const signedHeaders = await entry.scheme.sign(input);
            const headers = lowerCase
              ? Object.fromEntries(Object.entries(signedHeaders).map(([k, v]) => [k.toLowerCase(), v]))
              : signedHeaders;
            const genuine: Genuine = { headers: signedHeaders, body, url: input.url };
            // The unchanged request verifies, so a rejection below is the change's doing.
            const original = await settle(entry.scheme, { headers, body, url: input.url, now: NOW });
            expect(
              original.kind,
              `${entry.label}: ${original.kind === 'rejected' ? String(original.error) : ''}`,
            ).toBe('resolved');
            const changed = mutate(entry, genuine, change);
            fc.pre(changed !== undefined);
            expectRejection(
              entry,
              await settle(entry.scheme, changed!),
              `a request with one ${change.kind} change`,
            );
          },
        ),
        { numRuns: entry.runs ?? MUTATION_RUNS },
      );
    });
});
