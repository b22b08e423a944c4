import { sanity } from '@hookgate/signatures';
import { encodeSignatureHeader, isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { describe, expect, it } from 'vitest';
import { providers } from './arbitraries.js';

// Sanity against `@sanity/webhook` 4.0.4, both ways: `t=<ms>,v1=<base64url>` over `t.body`.
const SECRET = 'a sanity webhook secret';
const BODY = '{"_id":"movie_123","_type":"movie","title":"Amélie"}';
const T_MS = 1_700_000_000_123;

describe.each(providers)('sanity interop with $name crypto', ({ crypto }) => {
  const scheme = sanity({ secret: SECRET, crypto });

  it('verifies what the SDK signs', async () => {
    const header = await encodeSignatureHeader(BODY, T_MS, SECRET);
    await expect(
      scheme.verify({ headers: { [SIGNATURE_HEADER_NAME]: header }, body: BODY, now: T_MS }),
    ).resolves.toMatchObject({ scheme: 'sanity', timestamp: T_MS });
  });

  it('signs what the SDK verifies, and the SDK refuses another secret', async () => {
    const headers = await scheme.sign({ body: BODY, timestamp: 1_700_000_000 });
    const header = headers['sanity-webhook-signature']!;
    expect(header).toMatch(/^t=1700000000000,v1=[A-Za-z0-9_-]{43}$/);
    expect(await isValidSignature(BODY, header, SECRET)).toBe(true);
    expect(await isValidSignature(BODY, header, 'another secret')).toBe(false);
  });
});
