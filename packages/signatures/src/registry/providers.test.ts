import { describe, expect, it } from 'vitest';
import * as signatures from '../index.js';
import { describeHmacSuite } from '../test-support/hmac-suite.js';
import { exampleSecrets } from '../test-support/test-secrets.js';
import { cryptoProviders } from '../test-support/vectors.js';
import type { AnyProviderEntry } from './provider-entry.js';
import { isProviderName, providerNames, providers } from './providers.js';

const entries = Object.entries(providers) as [string, AnyProviderEntry][];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('the provider registry', () => {
  it('has at least 59 named providers, keyed in kebab case', () => {
    expect(providerNames.length).toBeGreaterThanOrEqual(59);
    for (const name of providerNames) expect(name).toMatch(KEBAB);
    expect(isProviderName('stripe')).toBe(true);
    expect(isProviderName('toString')).toBe(false);
  });

  it.each(entries)('%s has a complete entry', (name, entry) => {
    expect(entry.displayName.length).toBeGreaterThan(1);
    expect(['shared-secret', 'public-key', 'token']).toContain(entry.secret.kind);
    expect(['utf8', 'base64', 'whsec', 'hex', 'spki', 'pem']).toContain(entry.secret.encoding);
    expect(typeof entry.signsUrl).toBe('boolean');
    expect(entry.docs).toMatch(/^https:\/\/\S+$/);
    expect(['published-vector', 'official-sdk', 'docs-example']).toContain(entry.vector.source);
    expect(entry.vector.detail.length).toBeGreaterThan(3);
    expect(entry.retryHorizonMs).toBeGreaterThanOrEqual(0);
    if (entry.responseDeadlineMs !== undefined) expect(entry.responseDeadlineMs).toBeGreaterThan(0);
    for (const location of [entry.eventType, entry.deliveryId]) {
      if (location !== undefined) expect(Object.values(location)[0]).toMatch(/^\S+$/);
    }
    if (entry.timestamp) expect(entry.timestamp.toleranceSeconds).toBeGreaterThan(0);
    if (entry.secret.kind === 'shared-secret') {
      const scheme = entry.create({ secret: exampleSecrets(entry.secret.encoding)[0] });
      expect(scheme.name).toBe(name);
      // The timestamp fact and the scheme agree on the window (receivers keep ids that long).
      expect(scheme.toleranceSeconds).toBe(entry.timestamp?.toleranceSeconds);
    }
  });

  it('registers every scheme factory the package exports', async () => {
    const registered = new Set(entries.map(([, entry]) => entry.create));
    const unregistered = Object.entries(signatures).filter(
      ([name, value]) =>
        typeof value === 'function' &&
        /^[a-z]/.test(name) &&
        !registered.has(value as AnyProviderEntry['create']) &&
        !NOT_PROVIDERS.has(name),
    );
    expect(unregistered.map(([name]) => name)).toEqual([]);
  });
});

// Exported functions that are not one provider's scheme factory.
const NOT_PROVIDERS = new Set([
  'concatBytes',
  'emptyAnswer',
  'isDiscordWebhookEvent',
  'isJsonText',
  'jsonAnswer',
  'queryOf',
  'queryParam',
  'textAnswer',
  'createNodeCrypto',
  'createPresetScheme',
  'createWebCrypto',
  'errorStatus',
  'getDefaultCrypto',
  'getHeader',
  'hmac',
  'isProviderName',
  'isWebhookError',
  'providerEntry',
  'toBase64',
  'toBytes',
  'toHex',
]);

// Senders that sign inside the body (Mailgun, Adyen) have their own tests: sign() cannot carry it.
const hmacProviders = entries.filter(
  ([, entry]) =>
    entry.secret.kind === 'shared-secret' &&
    !entry.create({ secret: exampleSecrets(entry.secret.encoding)[0] }).signBody,
);

describe.each(cryptoProviders)('every HMAC provider with $name crypto', ({ provider: crypto }) => {
  for (const [name, entry] of hmacProviders) {
    describeHmacSuite({ name, entry, rawBodies: name !== 'twilio' && name !== 'linear' }, crypto);
  }
});
