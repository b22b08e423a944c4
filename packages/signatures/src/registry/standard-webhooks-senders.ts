import { utf8Key } from '../secrets.js';
import { createStandardScheme, type StandardWebhooksOptions } from '../standard-webhooks.js';
import type { Scheme } from '../types.js';
import { DAY, factoryOf, HOUR, type ProviderEntry } from './provider-entry.js';

// Family F5: senders built on Standard Webhooks / Svix (`id.timestamp.body`, `v1,<base64>`
// entries, a `whsec_` base64 key). Each accepts both the `svix-*` and `webhook-*` header
// names (white-labelled Svix accounts send the latter) and signs with the one it documents.

/** One F5 sender: its name, the header prefix it documents, and its facts. */
interface StandardSender {
  name: string;
  displayName: string;
  prefix: 'svix' | 'webhook';
  /** Polar keys with the secret's UTF-8 bytes instead of base64-decoding it. */
  utf8Secret?: boolean | undefined;
  eventType: ProviderEntry['eventType'];
  retryHorizonMs: number;
  responseDeadlineMs: number | undefined;
  docs: string;
}

// Svix retries over about 28 hours (docs.svix.com/retries) and waits 15 s for an answer.
const SVIX_HORIZON = 100_800_000 /* 28 hours */;

function sender(row: StandardSender): ProviderEntry<StandardWebhooksOptions> {
  const prefixes = row.prefix === 'svix' ? ['svix', 'webhook'] : ['webhook', 'svix'];
  return {
    displayName: row.displayName,
    secret: { kind: 'shared-secret', encoding: row.utf8Secret ? 'utf8' : 'whsec' },
    signsUrl: false,
    timestamp: { unit: 'seconds', toleranceSeconds: 300 },
    eventType: row.eventType,
    deliveryId: { header: `${row.prefix}-id` },
    retryHorizonMs: row.retryHorizonMs,
    responseDeadlineMs: row.responseDeadlineMs,
    handshake: undefined,
    docs: row.docs,
    vector: {
      source: 'official-sdk',
      detail: `${row.prefix === 'svix' ? 'svix' : 'standardwebhooks'} (both ways), standard-webhooks-senders.test.ts`,
    },
    create: row.utf8Secret
      ? (options) => createStandardScheme(row.name, prefixes, options, utf8Key)
      : (options) => createStandardScheme(row.name, prefixes, options),
  };
}

const TYPE = { field: 'type' } as const;

/** Clerk (delivered by Svix). */
export const clerkProvider = /* @__PURE__ */ sender({
  name: 'clerk',
  displayName: 'Clerk',
  prefix: 'svix',
  eventType: TYPE,
  retryHorizonMs: SVIX_HORIZON,
  responseDeadlineMs: 15_000,
  docs: 'https://clerk.com/docs/webhooks/sync-data',
});
/** Resend (delivered by Svix). */
export const resendProvider = /* @__PURE__ */ sender({
  name: 'resend',
  displayName: 'Resend',
  prefix: 'svix',
  eventType: TYPE,
  retryHorizonMs: SVIX_HORIZON,
  responseDeadlineMs: 15_000,
  docs: 'https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests',
});
/** OpenAI (Standard Webhooks headers). */
export const openaiProvider = /* @__PURE__ */ sender({
  name: 'openai',
  displayName: 'OpenAI',
  prefix: 'webhook',
  eventType: TYPE,
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  docs: 'https://platform.openai.com/docs/guides/webhooks',
});
/** Replicate (Standard Webhooks headers; the body is the prediction). */
export const replicateProvider = /* @__PURE__ */ sender({
  name: 'replicate',
  displayName: 'Replicate',
  prefix: 'webhook',
  eventType: { field: 'status' },
  retryHorizonMs: HOUR,
  responseDeadlineMs: undefined,
  docs: 'https://replicate.com/docs/topics/webhooks/verify-webhook',
});
/** Polar (Standard Webhooks, but the secret is used as its UTF-8 bytes, not base64-decoded). */
export const polarProvider = /* @__PURE__ */ sender({
  name: 'polar',
  displayName: 'Polar',
  prefix: 'webhook',
  utf8Secret: true,
  eventType: TYPE,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  docs: 'https://docs.polar.sh/integrate/webhooks/delivery',
});
/** Dodo Payments (Standard Webhooks headers). */
export const dodoPaymentsProvider = /* @__PURE__ */ sender({
  name: 'dodo-payments',
  displayName: 'Dodo Payments',
  prefix: 'webhook',
  eventType: TYPE,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  docs: 'https://docs.dodopayments.com/developer-resources/webhooks',
});
/** Render (Standard Webhooks headers). */
export const renderProvider = /* @__PURE__ */ sender({
  name: 'render',
  displayName: 'Render',
  prefix: 'webhook',
  eventType: TYPE,
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  docs: 'https://render.com/docs/webhooks',
});
/** Stytch (delivered by Svix). */
export const stytchProvider = /* @__PURE__ */ sender({
  name: 'stytch',
  displayName: 'Stytch',
  prefix: 'svix',
  eventType: { field: 'action' },
  retryHorizonMs: SVIX_HORIZON,
  responseDeadlineMs: 15_000,
  docs: 'https://stytch.com/docs/guides/webhooks/getting-started',
});
/** Brex (Standard Webhooks headers). */
export const brexProvider = /* @__PURE__ */ sender({
  name: 'brex',
  displayName: 'Brex',
  prefix: 'webhook',
  eventType: { field: 'event_type' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  docs: 'https://developer.brex.com/docs/webhooks/',
});
/** Lithic (Standard Webhooks headers). */
export const lithicProvider = /* @__PURE__ */ sender({
  name: 'lithic',
  displayName: 'Lithic',
  prefix: 'webhook',
  eventType: { field: 'event_type' },
  retryHorizonMs: 259_200_000 /* 3 days */,
  responseDeadlineMs: undefined,
  docs: 'https://docs.lithic.com/docs/events-api',
});
/** beehiiv (delivered by Svix). */
export const beehiivProvider = /* @__PURE__ */ sender({
  name: 'beehiiv',
  displayName: 'beehiiv',
  prefix: 'svix',
  eventType: { field: 'event_type' },
  retryHorizonMs: SVIX_HORIZON,
  responseDeadlineMs: 15_000,
  docs: 'https://developers.beehiiv.com/docs/v2/webhooks',
});
/** incident.io (Standard Webhooks headers). */
export const incidentIoProvider = /* @__PURE__ */ sender({
  name: 'incident-io',
  displayName: 'incident.io',
  prefix: 'webhook',
  eventType: { field: 'event_type' },
  retryHorizonMs: DAY,
  responseDeadlineMs: undefined,
  docs: 'https://api-docs.incident.io/tag/Webhooks/',
});
/** Supabase Auth Hooks over HTTP (Standard Webhooks; the secret is `v1,whsec_…`: give the `whsec_…` part). */
export const supabaseAuthHooksProvider = /* @__PURE__ */ sender({
  name: 'supabase-auth-hooks',
  displayName: 'Supabase Auth Hooks',
  prefix: 'webhook',
  eventType: undefined,
  retryHorizonMs: 0,
  responseDeadlineMs: undefined,
  docs: 'https://supabase.com/docs/guides/auth/auth-hooks',
});

/** Clerk's scheme: Svix headers, a `whsec_` secret. */
export const clerk: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(clerkProvider);
/** Resend's scheme: Svix headers, a `whsec_` secret. */
export const resend: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(resendProvider);
/** OpenAI's scheme: Standard Webhooks headers, a `whsec_` secret. */
export const openai: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(openaiProvider);
/** Replicate's scheme: Standard Webhooks headers, a `whsec_` secret. */
export const replicate: (options: StandardWebhooksOptions) => Scheme =
  /* @__PURE__ */ factoryOf(replicateProvider);
/** Polar's scheme: Standard Webhooks headers, the secret's UTF-8 bytes as the key. */
export const polar: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(polarProvider);
/** Dodo Payments' scheme. */
export const dodoPayments: (options: StandardWebhooksOptions) => Scheme =
  /* @__PURE__ */ factoryOf(dodoPaymentsProvider);
/** Render's scheme. */
export const render: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(renderProvider);
/** Stytch's scheme. */
export const stytch: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(stytchProvider);
/** Brex's scheme. */
export const brex: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(brexProvider);
/** Lithic's scheme. */
export const lithic: (options: StandardWebhooksOptions) => Scheme = /* @__PURE__ */ factoryOf(lithicProvider);
/** beehiiv's scheme. */
export const beehiiv: (options: StandardWebhooksOptions) => Scheme =
  /* @__PURE__ */ factoryOf(beehiivProvider);
/** incident.io's scheme. */
export const incidentIo: (options: StandardWebhooksOptions) => Scheme =
  /* @__PURE__ */ factoryOf(incidentIoProvider);
/** Supabase Auth Hooks' scheme. */
export const supabaseAuthHooks: (options: StandardWebhooksOptions) => Scheme =
  supabaseAuthHooksProvider.create;
