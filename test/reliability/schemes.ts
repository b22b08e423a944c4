// Every scheme of @hookgate/signatures as the reliability tests use it: the receiver's
// scheme (which also signs genuine deliveries), a forger in the same format with the wrong
// secret or key, the headers the scheme reads, and every secret that must never leak.
import { generateKeyPairSync } from 'node:crypto';
import {
  asana,
  discord,
  dropbox,
  github,
  hmac,
  instagram,
  kick,
  linear,
  meta,
  netlify,
  paddle,
  type Scheme,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooks,
  stripe,
  svix,
  telnyx,
  twilio,
  twitch,
  twitter,
  vonage,
  whatsapp,
  wise,
  zoom,
} from '@hookgate/signatures';
import { registryCases } from './registry-cases.js';

/** The fixed clock of the in-process tests: 2026-01-01T00:00:00Z. */
export const NOW_MS = Date.UTC(2026, 0, 1);
export const NOW_SECONDS = NOW_MS / 1000;
export const SIGNED_URL = 'https://hooks.example.com/in/ab12cd?account=7';

export interface SchemeCase {
  label: string;
  /** Verifies in the receiver, and signs genuine deliveries. */
  scheme: Scheme;
  /** The same format with the wrong secret or key: everything it signs is a forgery. */
  forger: Scheme;
  /** Header names the scheme reads, so that hostile values reach its parsers. */
  reads: readonly string[];
  /** Secret material, in every form it is configured or used in, that no output may contain. */
  secrets: readonly string[];
  /** Whether the scheme signs the URL (the receiver must be given `SIGNED_URL`). */
  signsUrl?: boolean;
  /** Whether genuine bodies are forms (Twilio signs form parameters, not bytes). */
  form?: boolean;
  /** Whether the scheme signs a delivery id (`sign({ id })`). */
  signsId?: boolean;
  /** What a genuine sender puts around a body (Linear signs a timestamp inside the body). */
  prepare?(body: string | Uint8Array): string | Uint8Array;
  /** The headers that carry a signature. @default those whose name says sig, hmac or ed25519 */
  signatureHeaders?: readonly string[];
  /** The share of each property's runs (registry cases share the preset code). @default 1 */
  runsScale?: number;
}

/** Whether `name` is a header of `entry` that carries a signature. */
export function isSignatureHeader(entry: SchemeCase, name: string): boolean {
  const lower = name.toLowerCase();
  return entry.signatureHeaders
    ? entry.signatureHeaders.some((header) => header.toLowerCase() === lower)
    : /sig|hmac|ed25519/i.test(name);
}

/** A property's run count for a case. */
export function runsOf(entry: SchemeCase, runs: number): number {
  return Math.max(10, Math.ceil(runs * (entry.runsScale ?? 1)));
}

/**
 * Linear's signed timestamp is the body's `webhookTimestamp` (ms): a genuine body has it.
 * Object bodies get it as their first field; other JSON is wrapped; the rest is left alone.
 */
function withLinearTimestamp(body: string | Uint8Array): string | Uint8Array {
  if (typeof body !== 'string') return body;
  const field = `"webhookTimestamp":${NOW_MS}`;
  if (/^\{\s*\}$/.test(body)) return `{${field}}`;
  if (body.startsWith('{')) return `{${field},${body.slice(1)}`;
  try {
    JSON.parse(body);
    return `{${field},"value":${body}}`;
  } catch {
    return body;
  }
}

function edKeys() {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(jwk.x!, 'base64url'), seed: Buffer.from(jwk.d!, 'base64url') };
}

function p256Keys() {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

const whsec = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;
const standardKeys = (keys: ReturnType<typeof edKeys>) => ({
  publicKey: `whpk_${keys.publicKey.toString('base64')}`,
  privateKey: `whsk_${Buffer.concat([keys.seed, keys.publicKey]).toString('base64')}`,
});

/** A table of every scheme, with secrets made once per call. */
export function schemeCases(): SchemeCase[] {
  const handWritten = handWrittenCases();
  const covered = new Set(handWritten.map((c) => c.scheme.name));
  return [...handWritten, ...registryCases(covered)];
}

function handWrittenCases(): SchemeCase[] {
  const plain = 'reliability-plain-secret-5f1c0a7e9d';
  const wrong = 'reliability-wrong-secret-00000000';
  const edA = edKeys();
  const edB = edKeys();
  const stdA = standardKeys(edA);
  const stdB = standardKeys(edB);
  const pA = p256Keys();
  const pB = p256Keys();
  const customHmac = (secret: string) =>
    hmac({
      secret,
      header: 'X-Acme-Signature',
      prefix: 'sha256=',
      timestampHeader: 'X-Acme-Timestamp',
      idHeader: 'X-Acme-Id',
      template: '{id}.{timestamp}.{body}',
    });
  const whsecA = whsec(0x5a);
  return [
    {
      label: 'stripe',
      scheme: stripe({ secret: 'whsec_reliability_stripe_secret_8b2d' }),
      forger: stripe({ secret: 'whsec_reliability_stripe_wrong_0000' }),
      reads: ['Stripe-Signature'],
      secrets: ['whsec_reliability_stripe_secret_8b2d'],
    },
    {
      label: 'github',
      scheme: github({ secret: plain }),
      forger: github({ secret: wrong }),
      reads: ['X-Hub-Signature-256', 'X-Hub-Signature', 'X-GitHub-Delivery', 'X-GitHub-Event'],
      secrets: [plain],
      signsId: true,
    },
    {
      label: 'standard-webhooks',
      scheme: standardWebhooks({ secret: whsecA }),
      forger: standardWebhooks({ secret: whsec(0x11) }),
      reads: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      secrets: [whsecA, whsecA.slice(6), Buffer.alloc(32, 0x5a).toString('hex')],
      signsId: true,
    },
    {
      label: 'standard-webhooks v1a',
      scheme: standardWebhooks({ ...stdA }),
      forger: standardWebhooks({ ...stdB }),
      reads: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
      secrets: [stdA.privateKey, stdA.privateKey.slice(5), edA.seed.toString('hex')],
      signsId: true,
    },
    {
      label: 'svix',
      scheme: svix({ secret: whsecA }),
      forger: svix({ secret: whsec(0x22) }),
      reads: ['svix-id', 'svix-timestamp', 'svix-signature', 'webhook-id', 'webhook-signature'],
      secrets: [whsecA, whsecA.slice(6)],
      signsId: true,
    },
    {
      label: 'slack',
      scheme: slack({ secret: plain }),
      forger: slack({ secret: wrong }),
      reads: ['X-Slack-Signature', 'X-Slack-Request-Timestamp', 'X-Slack-Retry-Num'],
      secrets: [plain],
    },
    {
      label: 'shopify',
      scheme: shopify({ secret: plain }),
      forger: shopify({ secret: wrong }),
      reads: ['X-Shopify-Hmac-Sha256', 'X-Shopify-Webhook-Id', 'X-Shopify-Topic'],
      secrets: [plain],
    },
    {
      label: 'paddle',
      scheme: paddle({ secret: `pdl_ntfset_${plain}` }),
      forger: paddle({ secret: `pdl_ntfset_${wrong}` }),
      reads: ['Paddle-Signature'],
      secrets: [`pdl_ntfset_${plain}`],
    },
    {
      label: 'linear',
      scheme: linear({ secret: plain }),
      forger: linear({ secret: wrong }),
      reads: ['Linear-Signature', 'Linear-Delivery', 'Linear-Timestamp'],
      secrets: [plain],
      prepare: withLinearTimestamp,
    },
    {
      label: 'square',
      scheme: square({ secret: plain }),
      forger: square({ secret: wrong }),
      reads: ['x-square-hmacsha256-signature', 'x-square-signature'],
      secrets: [plain],
      signsUrl: true,
    },
    {
      label: 'hmac (custom)',
      scheme: customHmac(plain),
      forger: customHmac(wrong),
      reads: ['X-Acme-Signature', 'X-Acme-Timestamp', 'X-Acme-Id'],
      secrets: [plain],
      signsId: true,
    },
    {
      label: 'twilio',
      scheme: twilio({ secret: plain }),
      forger: twilio({ secret: wrong }),
      reads: ['X-Twilio-Signature', 'I-Twilio-Idempotency-Token'],
      secrets: [plain],
      signsUrl: true,
      form: true,
    },
    {
      label: 'discord',
      scheme: discord({ publicKey: edA.publicKey.toString('hex'), privateKey: edA.seed.toString('hex') }),
      forger: discord({ publicKey: edB.publicKey.toString('hex'), privateKey: edB.seed.toString('hex') }),
      reads: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
      secrets: [edA.seed.toString('hex')],
    },
    {
      label: 'sendgrid',
      scheme: sendgrid({ publicKey: pA.publicKey, privateKey: pA.privateKey }),
      forger: sendgrid({ publicKey: pB.publicKey, privateKey: pB.privateKey }),
      reads: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'],
      secrets: [pA.privateKey],
    },
    ...partBCases(plain, wrong, edA, edB),
  ];
}

function rsaKeys() {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKey: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/**
 * The senders with handshakes, JWTs and RSA/Ed25519 keys. Shared tokens (no body integrity)
 * and in-body signatures (no header to forge) are covered by the property suite instead.
 */
function partBCases(
  plain: string,
  wrong: string,
  edA: ReturnType<typeof edKeys>,
  edB: ReturnType<typeof edKeys>,
): SchemeCase[] {
  const rsaA = rsaKeys();
  const rsaB = rsaKeys();
  const shared = [
    [
      'meta',
      (secret: string) => meta({ secret, verifyToken: 'reliability-verify-token' }),
      ['X-Hub-Signature-256'],
    ],
    ['whatsapp', (secret: string) => whatsapp({ secret }), ['X-Hub-Signature-256']],
    ['instagram', (secret: string) => instagram({ secret }), ['X-Hub-Signature-256']],
    ['dropbox', (secret: string) => dropbox({ secret }), ['X-Dropbox-Signature']],
    ['asana', (secret: string) => asana({ secret }), ['X-Hook-Signature']],
    ['twitter', (secret: string) => twitter({ secret }), ['x-twitter-webhooks-signature']],
    [
      'twitch',
      (secret: string) => twitch({ secret }),
      [
        'Twitch-Eventsub-Message-Id',
        'Twitch-Eventsub-Message-Timestamp',
        'Twitch-Eventsub-Message-Signature',
      ],
    ],
    ['zoom', (secret: string) => zoom({ secret }), ['x-zm-signature', 'x-zm-request-timestamp']],
    ['netlify', (secret: string) => netlify({ secret }), ['X-Webhook-Signature']],
    ['vonage', (secret: string) => vonage({ secret }), ['Authorization']],
  ] as const;
  return [
    ...shared.map(([label, make, reads]) => ({
      label,
      scheme: make(plain),
      forger: make(wrong),
      reads,
      secrets: [plain],
      signsId: label === 'twitch' || label === 'vonage',
      ...(label === 'vonage' ? { signatureHeaders: ['Authorization'] } : {}),
    })),
    {
      label: 'kick',
      scheme: kick({ ...rsaA }),
      forger: kick({ ...rsaB }),
      reads: ['Kick-Event-Signature', 'Kick-Event-Message-Id', 'Kick-Event-Message-Timestamp'],
      secrets: [rsaA.privateKey],
      signsId: true,
    },
    {
      label: 'wise',
      scheme: wise({ ...rsaA }),
      forger: wise({ ...rsaB }),
      reads: ['X-Signature-SHA256', 'X-Delivery-Id'],
      secrets: [rsaA.privateKey],
    },
    {
      label: 'telnyx',
      scheme: telnyx({
        publicKey: edA.publicKey.toString('base64'),
        privateKey: edA.seed.toString('base64'),
      }),
      forger: telnyx({
        publicKey: edB.publicKey.toString('base64'),
        privateKey: edB.seed.toString('base64'),
      }),
      reads: ['telnyx-signature-ed25519', 'telnyx-timestamp'],
      secrets: [edA.seed.toString('base64')],
    },
  ];
}
