import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleSecrets } from '../test-support/test-secrets.js';
import { cryptoProviders } from '../test-support/vectors.js';
import type { AnyProviderEntry } from './provider-entry.js';
import { type ProviderName, providers } from './providers.js';

// Each provider's signature built from its documentation's recipe with node:crypto directly
// (not hookgate's code), so a preset that misreads the docs fails here: the header, the hash,
// the encoding, the key encoding and the signed string. Both ways: the recipe's header
// verifies with the preset, and the preset's signature equals the recipe's.

const T = 1_700_000_000;
const BODY = '{"id":"evt_1","type":"order.created","text":"héllo 😀"}';
const URL = 'https://example.test/hooks/provider';
const ISO = '2023-11-14T22:13:20Z';

type Algorithm = 'sha1' | 'sha256' | 'sha512';
type Encoding = 'hex' | 'base64' | 'base64url';

function mac(algorithm: Algorithm, key: string | Buffer, text: string, encoding: Encoding): string {
  return createHmac(algorithm, key).update(text).digest(encoding);
}

const b64 = (secret: string) => Buffer.from(secret, 'base64');

// Mandrill posts a form: one field, `mandrill_events`, a JSON array (here the JSON body).
const FORM = `mandrill_events=${encodeURIComponent(`[${BODY}]`)}`;

/** The documented recipe of each preset provider: the headers a genuine delivery carries. */
const recipes: Partial<Record<ProviderName, (secret: string) => Record<string, string>>> = {
  bitbucket: (s) => ({ 'X-Hub-Signature': `sha256=${mac('sha256', s, BODY, 'hex')}` }),
  gitea: (s) => ({ 'X-Gitea-Signature': mac('sha256', s, BODY, 'hex') }),
  vercel: (s) => ({ 'x-vercel-signature': mac('sha1', s, BODY, 'hex') }),
  heroku: (s) => ({ 'Heroku-Webhook-Hmac-SHA256': mac('sha256', s, BODY, 'base64') }),
  sentry: (s) => ({ 'Sentry-Hook-Signature': mac('sha256', s, BODY, 'hex') }),
  doppler: (s) => ({ 'X-Doppler-Signature': `sha256=${mac('sha256', s, BODY, 'hex')}` }),
  'lemon-squeezy': (s) => ({ 'X-Signature': mac('sha256', s, BODY, 'hex') }),
  razorpay: (s) => ({ 'X-Razorpay-Signature': mac('sha256', s, BODY, 'hex') }),
  woocommerce: (s) => ({ 'X-WC-Webhook-Signature': mac('sha256', s, BODY, 'base64') }),
  'cal-com': (s) => ({ 'X-Cal-Signature-256': mac('sha256', s, BODY, 'hex') }),
  intercom: (s) => ({ 'X-Hub-Signature': `sha1=${mac('sha1', s, BODY, 'hex')}` }),
  typeform: (s) => ({ 'Typeform-Signature': `sha256=${mac('sha256', s, BODY, 'base64')}` }),
  segment: (s) => ({ 'X-Signature': mac('sha1', s, BODY, 'hex') }),
  line: (s) => ({ 'x-line-signature': mac('sha256', s, BODY, 'base64') }),
  docusign: (s) => ({ 'X-DocuSign-Signature-1': mac('sha256', s, BODY, 'base64') }),
  airtable: (s) => ({ 'X-Airtable-Content-MAC': `hmac-sha256=${mac('sha256', b64(s), BODY, 'hex')}` }),
  paystack: (s) => ({ 'x-paystack-signature': mac('sha512', s, BODY, 'hex') }),
  'coinbase-commerce': (s) => ({ 'X-CC-Webhook-Signature': mac('sha256', s, BODY, 'hex') }),
  'checkout-com': (s) => ({ 'Cko-Signature': mac('sha256', s, BODY, 'hex') }),
  alchemy: (s) => ({ 'X-Alchemy-Signature': mac('sha256', s, BODY, 'hex') }),
  pagerduty: (s) => ({
    'X-PagerDuty-Signature': `v1=${mac('sha256', 'an old secret', BODY, 'hex')},v1=${mac('sha256', s, BODY, 'hex')}`,
  }),
  'microsoft-teams': (s) => ({ Authorization: `HMAC ${mac('sha256', b64(s), BODY, 'base64')}` }),
  fourthwall: (s) => ({ 'X-Fourthwall-Hmac-SHA256': mac('sha256', s, BODY, 'base64') }),
  clickup: (s) => ({ 'X-Signature': mac('sha256', s, BODY, 'hex') }),
  xero: (s) => ({ 'x-xero-signature': mac('sha256', s, BODY, 'base64') }),
  gocardless: (s) => ({ 'Webhook-Signature': mac('sha256', s, BODY, 'hex') }),
  hookdeck: (s) => ({ 'x-hookdeck-signature': mac('sha256', s, BODY, 'base64') }),
  mux: (s) => ({ 'Mux-Signature': `t=${T},v1=${mac('sha256', s, `${T}.${BODY}`, 'hex')}` }),
  calendly: (s) => ({ 'Calendly-Webhook-Signature': `t=${T},v1=${mac('sha256', s, `${T}.${BODY}`, 'hex')}` }),
  workos: (s) => ({
    'WorkOS-Signature': `t=${T * 1000}, v1=${mac('sha256', s, `${T * 1000}.${BODY}`, 'hex')}`,
  }),
  elevenlabs: (s) => ({ 'ElevenLabs-Signature': `t=${T},v0=${mac('sha256', s, `${T}.${BODY}`, 'hex')}` }),
  sanity: (s) => ({
    'sanity-webhook-signature': `t=${T * 1000},v1=${mac('sha256', s, `${T * 1000}.${BODY}`, 'base64url')}`,
  }),
  'customer-io': (s) => ({
    'X-CIO-Signature': mac('sha256', s, `v0:${T}:${BODY}`, 'hex'),
    'X-CIO-Timestamp': String(T),
  }),
  webflow: (s) => ({
    'x-webflow-signature': mac('sha256', s, `${T * 1000}:${BODY}`, 'hex'),
    'x-webflow-timestamp': String(T * 1000),
  }),
  zendesk: (s) => ({
    'X-Zendesk-Webhook-Signature': mac('sha256', s, `${ISO}${BODY}`, 'base64'),
    'X-Zendesk-Webhook-Signature-Timestamp': ISO,
  }),
  box: (s) => ({
    'BOX-SIGNATURE-SECONDARY': mac('sha256', s, `${BODY}${ISO}`, 'base64'),
    'BOX-DELIVERY-TIMESTAMP': ISO,
  }),
  hubspot: (s) => ({
    'X-HubSpot-Signature-v3': mac('sha256', s, `POST${URL}${BODY}${T * 1000}`, 'base64'),
    'X-HubSpot-Request-Timestamp': String(T * 1000),
  }),
  mandrill: (s) => ({ 'X-Mandrill-Signature': mac('sha1', s, `${URL}mandrill_events[${BODY}]`, 'base64') }),
  trello: (s) => ({ 'X-Trello-Webhook': mac('sha1', s, `${BODY}${URL}`, 'base64') }),
};

const presetNames = Object.keys(recipes) as ProviderName[];

describe.each(cryptoProviders)(
  'preset providers against their documented recipes, $name crypto',
  ({ provider: crypto }) => {
    it.each(presetNames)('%s: the recipe verifies, and sign() gives the recipe', async (name) => {
      const entry = providers[name] as AnyProviderEntry;
      const [secret] = exampleSecrets(entry.secret.encoding);
      const headers = recipes[name]!(secret);
      const body = name === 'mandrill' ? FORM : BODY;
      const scheme = entry.create({ secret, crypto });
      const url = entry.signsUrl ? URL : undefined;
      await expect(scheme.verify({ headers, body, url, now: T * 1000 })).resolves.toMatchObject({
        scheme: name,
        secretIndex: 0,
      });
      const signed = await scheme.sign({ body, timestamp: T, url, id: 'delivery-1' });
      // sign() writes what the recipe writes: PagerDuty one v1 entry (the recipe's second), Box
      // the primary header (the recipe used the secondary, with the same key).
      for (const [header, value] of Object.entries(headers)) {
        if (name === 'pagerduty') expect(value.endsWith(`,${signed[header]}`)).toBe(true);
        else if (header === 'BOX-SIGNATURE-SECONDARY') expect(signed['BOX-SIGNATURE-PRIMARY']).toBe(value);
        else expect(signed[header]).toBe(value);
      }
    });

    it('covers every preset provider of the registry', () => {
      const presets = Object.entries(providers).filter(([, entry]) =>
        entry.vector.detail.startsWith('hmac-presets.test.ts'),
      );
      expect(presets.map(([name]) => name).sort()).toEqual(
        presetNames.filter((name) => providers[name].vector.detail.startsWith('hmac-presets')).sort(),
      );
    });
  },
);
