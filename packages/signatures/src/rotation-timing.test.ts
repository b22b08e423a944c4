import { describe, expect, it } from 'vitest';
import type { CryptoProvider } from './crypto-provider.js';
import { matchHmac } from './hmac-match.js';
import { netlify } from './jwt-senders.js';
import { stripe } from './stripe.js';
import { cryptoProviders } from './test-support/vectors.js';
import { twilio } from './twilio.js';

// With several secrets (a rotation), a genuine delivery must cost the same whichever secret
// signed it: every key's MAC is computed, also after one matched. Counted, not timed.

/** `provider` with a count of the MACs it computes (sync and async). */
function counting(provider: CryptoProvider) {
  const count = { macs: 0 };
  const wrapped: CryptoProvider = {
    ...provider,
    hmac: (...args) => {
      count.macs++;
      return provider.hmac(...args);
    },
  };
  const { hmacSync } = provider;
  if (hmacSync) {
    wrapped.hmacSync = (...args) => {
      count.macs++;
      return hmacSync(...args);
    };
  }
  return { crypto: wrapped, count };
}

const NOW = Date.UTC(2026, 0, 1);
const BODY = '{"id":"evt_rotation","type":"invoice.paid"}';
const key = (text: string) => ({ bytes: new TextEncoder().encode(text) });

describe.each(cryptoProviders)('secret rotation with $name crypto', ({ name, provider }) => {
  it('matchHmac computes every key after the first one matched; one key costs one MAC', async () => {
    const { crypto, count } = counting(provider);
    const parts = ['signed bytes'];
    const keys = [key('new'), key('old'), key('older')];
    const mac = provider.hmacSync
      ? provider.hmacSync('sha256', keys[0]!, parts, 'hex')
      : Buffer.from(await provider.hmac('sha256', keys[0]!, parts)).toString('hex');
    const match = { crypto, algorithm: 'sha256', encoding: 'hex', parts, candidates: [mac] } as const;
    const found = matchHmac({ ...match, keys });
    // The synchronous fast path stays synchronous: no promise where the provider hashes in sync.
    expect(typeof found === 'number').toBe(name === 'node');
    expect(await found).toBe(0);
    expect(count.macs).toBe(3);
    count.macs = 0;
    expect(await matchHmac({ ...match, keys: [keys[0]!] })).toBe(0);
    expect(count.macs).toBe(1);
  });

  it('Stripe: a delivery signed with the first of two secrets still costs both MACs', async () => {
    const { crypto, count } = counting(provider);
    const scheme = stripe({ secret: ['whsec_new', 'whsec_old'], crypto });
    const timestamp = NOW / 1000;
    for (const [secret, index] of [
      ['whsec_new', 0],
      ['whsec_old', 1],
    ] as const) {
      const headers = await stripe({ secret }).sign({ body: BODY, timestamp });
      count.macs = 0;
      await expect(scheme.verify({ headers, body: BODY, now: NOW })).resolves.toMatchObject({
        secretIndex: index,
      });
      expect(count.macs).toBe(2);
    }
  });

  it('Twilio: both Auth Tokens are computed whichever signed', async () => {
    const { crypto, count } = counting(provider);
    const scheme = twilio({ secret: ['token-new', 'token-old'], crypto });
    const url = 'https://example.com/twilio';
    const body = 'CallSid=CA1&CallStatus=completed';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const perSecret: number[] = [];
    for (const secret of ['token-new', 'token-old']) {
      const signed = await twilio({ secret }).sign({ body, url });
      count.macs = 0;
      await scheme.verify({ headers: { ...headers, ...signed }, body, url, now: NOW });
      perSecret.push(count.macs);
    }
    expect(perSecret[0]).toBe(perSecret[1]);
    expect(perSecret[0]).toBeGreaterThanOrEqual(2);
  });

  it('Netlify (JWT with a shared secret): both secrets are computed whichever signed', async () => {
    const { crypto, count } = counting(provider);
    const secrets = ['a-jws-secret-of-at-least-32-bytes!!', 'another-jws-secret-of-32-bytes!!!!'];
    const scheme = netlify({ secret: secrets, crypto });
    for (const [index, secret] of secrets.entries()) {
      const headers = await netlify({ secret }).sign({ body: BODY, timestamp: NOW / 1000 });
      count.macs = 0;
      await expect(scheme.verify({ headers, body: BODY, now: NOW })).resolves.toMatchObject({
        secretIndex: index,
      });
      expect(count.macs).toBe(2);
    }
  });
});
