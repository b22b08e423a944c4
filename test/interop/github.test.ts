import { github } from '@hookgate/signatures';
import { sign, verify } from '@octokit/webhooks-methods';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUtf8, largeJsonBody, nonUtf8Body, providers, RUNS, textBody, utf8 } from './arbitraries.js';

// Byte compatibility with @octokit/webhooks-methods 6, both ways. Octokit takes any non-empty
// string as the secret (its UTF-8 bytes are the key) and refuses an empty payload.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });

describe.each(providers)('github interop with $name crypto', ({ crypto }) => {
  it('verifies what octokit signs', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, async (body, key) => {
        const scheme = github({ secret: key, crypto });
        if (body === '') {
          await expect(sign(key, body)).rejects.toThrow(TypeError);
          return;
        }
        const signature = await sign(key, body);
        const headers = { 'X-Hub-Signature-256': signature, 'X-GitHub-Delivery': 'delivery-1' };
        await expect(scheme.verify({ headers, body: utf8(body) })).resolves.toEqual({
          scheme: 'github',
          id: 'delivery-1',
          secretIndex: 0,
          version: 'sha256',
          contentKey: signature.slice('sha256='.length),
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what octokit verifies', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, async (body, key) => {
        const headers = await github({ secret: key, crypto }).sign({ body: utf8(body) });
        const signature = headers['X-Hub-Signature-256']!;
        if (body === '') {
          await expect(verify(key, body, signature)).rejects.toThrow(TypeError);
          return;
        }
        await expect(verify(key, body, signature)).resolves.toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with octokit on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const key = "It's a Secret to Everybody";
    const scheme = github({ secret: key, crypto });
    const ours = await scheme.sign({ body });
    expect(ours['X-Hub-Signature-256']).toBe(await sign(key, body));
    await expect(verify(key, body, ours['X-Hub-Signature-256']!)).resolves.toBe(true);
    await expect(
      scheme.verify({ headers: { 'x-hub-signature-256': await sign(key, body) }, body: utf8(body) }),
    ).resolves.toMatchObject({ secretIndex: 0 });
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // Octokit accepts only a string payload, so a receiver using it must decode the body first;
    // invalid bytes become U+FFFD and such a body can never verify there. hookgate hashes the
    // raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, async (body, key) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = github({ secret: key, crypto });
        const headers = await scheme.sign({ body });
        await expect(scheme.verify({ headers, body })).resolves.toMatchObject({ secretIndex: 0 });
        const decoded = new TextDecoder().decode(body);
        await expect(verify(key, decoded, headers['X-Hub-Signature-256']!)).resolves.toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
