import { describe, expect, it } from 'vitest';
import type { CryptoProvider } from '../crypto-provider.js';
import { getHeader } from '../headers.js';
import type { AnyProviderEntry } from '../registry/provider-entry.js';
import type { HeadersInput, SignedRequest } from '../types.js';
import { expectThrowsWebhookError, expectWebhookError } from './expect-error.js';
import { exampleSecrets } from './test-secrets.js';

/** A shared-secret provider of the registry. */
export interface HmacSuite {
  name: string;
  entry: AnyProviderEntry;
  /**
   * Whether any bytes can be signed as the body (not for Twilio, which signs form parameters,
   * nor Linear, whose signed timestamp is inside the body). @default true
   */
  rawBodies?: boolean;
}

// Not valid UTF-8 anywhere: a lone continuation byte, an overlong lead, a truncated sequence.
const NON_UTF8 = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc0, 0xaf, 0xe2, 0x82, 0x7b, 0x7d);

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
      // Signing uses the first secret only.
      await expect(scheme.verify(request(await sign([secret, other])))).resolves.toMatchObject({
        secretIndex: 0,
      });
      await expectWebhookError(scheme.verify(request(await sign([other, secret]))), 'INVALID_SIGNATURE');
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

    if (suite.rawBodies !== false) {
      it('signs and verifies the raw bytes: empty, non-UTF-8 and string bodies', async () => {
        for (const raw of ['', NON_UTF8, new TextEncoder().encode(body)]) {
          const headers = await scheme.sign({ body: raw, timestamp: T, id: 'delivery-1', url });
          await expect(scheme.verify(request(headers, { body: raw }))).resolves.toMatchObject({
            secretIndex: 0,
          });
        }
      });
    }

    it('reads a web Headers object, names in any case', async () => {
      const headers = await sign();
      const web = new Headers(
        Object.entries(headers).map(([name, value]): [string, string] => [name.toUpperCase(), value]),
      );
      await expect(scheme.verify(request(web))).resolves.toMatchObject({ secretIndex: 0 });
    });

    it("looks the secret up per request, and refuses one tenant's delivery as another's", async () => {
      const perTenant = entry.create({
        crypto,
        secret: async (req) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return getHeader(req.headers, 'x-tenant') === 'a' ? secret : other;
        },
      });
      const headers = await sign();
      await expect(perTenant.verify(request({ ...headers, 'x-tenant': 'a' }))).resolves.toMatchObject({
        secretIndex: 0,
      });
      await expectWebhookError(
        perTenant.verify(request({ ...headers, 'x-tenant': 'b' })),
        'INVALID_SIGNATURE',
        leaks(headers),
      );
      const none = entry.create({ crypto, secret: async () => [] });
      await expectWebhookError(none.verify(request(headers)), 'INVALID_SECRET', leaks(headers));
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
