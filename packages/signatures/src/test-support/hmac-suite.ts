import { describe, expect, it } from 'vitest';
import type { CryptoProvider } from '../crypto-provider.js';
import type { AnyProviderEntry } from '../registry/provider-entry.js';
import type { HeadersInput, SignedRequest } from '../types.js';
import { expectThrowsWebhookError, expectWebhookError } from './expect-error.js';
import { exampleSecrets } from './test-secrets.js';

/** A shared-secret provider of the registry. */
export interface HmacSuite {
  name: string;
  entry: AnyProviderEntry;
}

const T = 1_700_000_000;
const URL = 'https://example.test/webhooks/provider?x=1';
// A JSON body with non-ASCII text, carrying Linear's signed `webhookTimestamp` (ms).
const JSON_BODY = `{"id":"evt_1","type":"thing.created","webhookTimestamp":${T * 1000},"text":"héllo 😀"}`;
// Twilio signs form parameters; any other body is taken as one.
const FORM_BODY = 'AccountSid=AC1&Body=h%C3%A9llo&MessageSid=SM1';

/**
 * The cases every HMAC provider must pass, with one crypto provider: a signature of its own
 * verifies; a wrong secret, a tampered body, stale and future timestamps, missing and
 * duplicated (different) headers are refused with the right code and no secret or signature
 * in the message; rotation reports which secret matched; a scheme without a secret fails at
 * construction.
 */
export function describeHmacSuite(suite: HmacSuite, crypto: CryptoProvider): void {
  const { entry } = suite;
  const [secret, other] = exampleSecrets(entry.secret.encoding);
  const body = suite.name === 'twilio' ? FORM_BODY : JSON_BODY;
  const scheme = entry.create({ secret, crypto });
  const url = entry.signsUrl ? URL : undefined;
  const sign = (secrets: string | string[] = secret) =>
    entry.create({ secret: secrets, crypto }).sign({ body, timestamp: T, id: 'delivery-1', url });
  const request = (headers: HeadersInput, options: Partial<SignedRequest> = {}): SignedRequest => ({
    headers,
    body,
    now: T * 1000,
    ...(url === undefined ? {} : { url }),
    ...options,
  });
  const leaks = (headers: Record<string, string>) => [secret, other, ...Object.values(headers)];
  // The signature headers are those whose value depends on the secret.
  const signatureHeaders = async () => {
    const [mine, theirs] = [await sign(), await sign(other)];
    return Object.keys(mine).filter((name) => mine[name] !== theirs[name]);
  };

  describe(`${suite.name}: the shared HMAC cases`, () => {
    it('verifies its own signature, named after its registry key', async () => {
      const headers = await sign();
      expect(scheme.name).toBe(suite.name);
      const verified = await scheme.verify(request(headers));
      expect(verified).toMatchObject({ scheme: suite.name, secretIndex: 0 });
      if (entry.timestamp) expect(verified.timestamp).toBeDefined();
    });

    it('refuses a wrong secret and a tampered body as INVALID_SIGNATURE, leaking nothing', async () => {
      const headers = await sign(other);
      await expectWebhookError(scheme.verify(request(headers)), 'INVALID_SIGNATURE', leaks(headers));
      const own = await sign();
      const tampered = body.replace('1', '2');
      await expectWebhookError(
        scheme.verify(request(own, { body: tampered })),
        'INVALID_SIGNATURE',
        leaks(own),
      );
    });

    it('reports which secret matched while rotating', async () => {
      const headers = await sign();
      const rotating = entry.create({ secret: [other, secret], crypto });
      await expect(rotating.verify(request(headers))).resolves.toMatchObject({ secretIndex: 1 });
    });

    it('refuses a request without its signature header as MISSING_HEADER', async () => {
      const headers = await sign();
      const names = await signatureHeaders();
      const without = Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
      expect(Object.keys(without).length).toBeLessThan(Object.keys(headers).length);
      await expectWebhookError(scheme.verify(request(without)), 'MISSING_HEADER', leaks(headers));
    });

    it('refuses a signature header sent twice with different values', async () => {
      const headers = await sign();
      const forged = await sign(other);
      const [name] = await signatureHeaders();
      if (name === undefined) throw new Error('sign() wrote no header that depends on the secret');
      const twice: Record<string, string | string[]> = {
        ...headers,
        [name]: [headers[name]!, forged[name]!],
      };
      await expectWebhookError(scheme.verify(request(twice)), 'MALFORMED_HEADER', leaks(headers));
    });

    it('fails at construction without a secret', () => {
      expectThrowsWebhookError(() => entry.create({ secret: [], crypto }), 'INVALID_SECRET');
    });

    if (entry.timestamp) {
      const window = entry.timestamp.toleranceSeconds;
      it(`refuses a timestamp more than ${window} s old or ahead, and accepts the boundary`, async () => {
        const headers = await sign();
        const at = (seconds: number) => scheme.verify(request(headers, { now: (T + seconds) * 1000 }));
        await expect(at(window)).resolves.toBeDefined();
        await expect(at(-window)).resolves.toBeDefined();
        await expectWebhookError(at(window + 1), 'TIMESTAMP_OUT_OF_RANGE', leaks(headers));
        await expectWebhookError(at(-window - 1), 'TIMESTAMP_OUT_OF_RANGE', leaks(headers));
      });
    }
  });
}
