import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { createWebCrypto } from './web-crypto.js';

const { subtle } = globalThis.crypto;
const encoder = new TextEncoder();

/** A SubtleCrypto whose promises come from another realm, as in an edge sandbox (Next.js, Vercel). */
function otherRealmSubtle(): SubtleCrypto {
  const ForeignPromise = runInNewContext('Promise') as PromiseConstructor;
  const foreign = <T>(promise: Promise<T>) =>
    new ForeignPromise<T>((resolve, reject) => promise.then(resolve, reject));
  return new Proxy(subtle, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        foreign((value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

describe('createWebCrypto', () => {
  it('verifies with the promises of another realm (an edge sandbox), once the key is imported and before', async () => {
    const crypto = createWebCrypto(otherRealmSubtle());
    const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', crypto });
    const body = encoder.encode('{"type":"thing.happened"}');
    const headers = await scheme.sign({ body, id: 'msg_1', timestamp: 1_700_000_000 });
    const now = 1_700_000_000_000;
    await expect(scheme.verify({ headers, body, now })).resolves.toMatchObject({ id: 'msg_1' });
    await expect(scheme.verify({ headers, body, now })).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('joins prefix and body in a reused buffer without mixing up concurrent verifications', async () => {
    const crypto = createWebCrypto();
    const scheme = stripe({ secret: 'whsec_scratch', crypto });
    const now = 1_700_000_000_000;
    // Sizes around the buffer's growth steps and odd offsets inside larger buffers.
    const deliveries = await Promise.all(
      [1, 100, 4095, 4096, 4097, 70_000, 300_000].map(async (size, index) => {
        const backing = new Uint8Array(size + 64).fill(97 + index);
        const body = backing.subarray(index + 1, index + 1 + size);
        return { body, headers: await scheme.sign({ body, timestamp: now / 1000 }) };
      }),
    );
    const results = await Promise.allSettled(
      [...deliveries, ...deliveries.reverse()].map(({ body, headers }) =>
        scheme.verify({ headers, body, now }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(results.length).fill('fulfilled'));
    // A body of one delivery with the signature of another is refused.
    const [a, b] = deliveries;
    await expect(scheme.verify({ headers: a!.headers, body: b!.body, now })).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
  });
});
