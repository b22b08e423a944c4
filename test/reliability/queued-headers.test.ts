// Queue mode stores each delivery's headers with its job, minus signatures and credentials
// (SECURITY.md): a job readable by whoever reads Redis must not carry what would let them
// replay the delivery. Checked here for every provider in the registry by signing two bodies
// the same way: every header whose value follows the body (a MAC, a signature) or holds the
// secret (a token, Basic credentials) must be one `publicHeaders` drops.
import { type ProviderName, providerEntry, providerNames, toBase64 } from '@hookgate/signatures';
import { createTestScheme, testCredentials } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { publicHeaders } from '../../packages/core/src/public-headers.js';

const TIMESTAMP = Math.floor(Date.now() / 1000);
const URL_SIGNED = 'https://hooks.example.com/webhooks?tenant=1';

/** Each header the provider sends, with its value for two different bodies signed alike. */
async function signTwice(provider: ProviderName) {
  const credentials = await testCredentials(provider);
  const scheme = createTestScheme(provider, credentials);
  const sign = (body: string) =>
    scheme.sign({ body, id: 'delivery-1', timestamp: TIMESTAMP, url: URL_SIGNED });
  try {
    const first = await sign('{"id":"evt_1","type":"a.b","n":1}');
    const second = await sign('{"id":"evt_1","type":"a.b","n":2}');
    return { first, second, secret: credentials.secret };
  } catch {
    // Senders that sign inside the body (Mailgun, Adyen) have no signature header.
    return undefined;
  }
}

describe('publicHeaders drops what signs or authenticates a delivery, for every provider', () => {
  it('keeps no header that carries a signature or the secret', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const provider of providerNames) {
      const signed = await signTwice(provider);
      if (!signed) continue;
      checked++;
      const kept = publicHeaders(signed.first);
      for (const [name, value] of Object.entries(signed.first)) {
        const followsBody = signed.second[name] !== value;
        const holdsSecret =
          signed.secret !== undefined &&
          (value.includes(signed.secret) ||
            value.includes(toBase64(new TextEncoder().encode(signed.secret))));
        if ((followsBody || holdsSecret) && name.toLowerCase() in kept) leaks.push(`${provider}: ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(70);
  });

  it('keeps every header a provider names its event type or delivery id in', () => {
    const dropped: string[] = [];
    for (const provider of providerNames) {
      const { eventType, deliveryId } = providerEntry(provider);
      for (const location of [eventType, deliveryId]) {
        if (location === undefined || !('header' in location)) continue;
        if (!(location.header.toLowerCase() in publicHeaders({ [location.header]: 'x' })))
          dropped.push(`${provider}: ${location.header}`);
      }
    }
    expect(dropped).toEqual([]);
  });
});
