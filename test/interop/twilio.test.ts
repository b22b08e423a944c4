import querystring from 'node:querystring';
import { twilio } from '@hookgate/signatures';
import fc from 'fast-check';
import {
  getExpectedBodyHash,
  getExpectedTwilioSignature,
  validateRequest,
  validateRequestWithBody,
} from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { providers, RUNS, textBody, utf8 } from './arbitraries.js';

// Byte compatibility with twilio 6.2.0 `lib/webhooks/webhooks.js`, both ways: form bodies
// (`getExpectedTwilioSignature` / `validateRequest` with the parsed parameters) and bodySHA256
// bodies (`getExpectedBodyHash` / `validateRequestWithBody`). The SDK takes the parameters as
// Express's `urlencoded` parser hands them over: one string per name, an array when repeated.

/** Any non-empty Auth Token; the SDK keys the HMAC with its UTF-8 bytes, as we do. */
const token = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

/** Absolute URLs of every shape: ports, credentials, IPv4/IPv6 hosts, odd paths and queries. */
const url = fc
  .tuple(
    fc.webUrl({
      withQueryParameters: true,
      authoritySettings: { withPort: true, withUserInfo: true, withIPv4: true, withIPv6: true },
    }),
    // Characters Twilio's URL forms disagree on: `'` (WHATWG escapes it), `+` and spaces
    // (legacy querystring re-encodes them), raw non-ASCII, integer-like names.
    fc.constantFrom('', "&Body=It's+amazing", '&q=a%20b+c', '&é=ü', '&2=x&1=y', "?x='", '&a&a=1'),
  )
  .map(([base, extra]) => base + extra)
  .filter((value) => URL.canParse(value));

/** A parameter name or value: any Unicode, form-significant characters included. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '+', '&', '=', '%', '%41', ' ', "'", 'é', '😀', 'ﬀ', 'Body', 'From', 'To'),
);
/** Form parameters in arrival order, names repeated at times (Twilio sends arrays that way). */
const params = fc
  .array(fc.tuple(text, text), { maxLength: 12 })
  .map((pairs) => pairs.filter(([name]) => name !== '__proto__'));

/** The form body Twilio would send for these parameters. */
const formBody = (pairs: readonly [string, string][]) => new URLSearchParams([...pairs]).toString();

/** The parameters as the SDK wants them: a string per name, an array for a repeated name. */
function sdkParams(pairs: readonly [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const seen = Object.hasOwn(out, name) ? out[name] : undefined;
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

/**
 * URL forms a signature may have been made over, written here from the SDK's rules (with
 * node:querystring for the legacy re-encoding) rather than with the code under test; some
 * are accepted forms, some are not.
 */
const forms: Record<string, (u: string) => string> = {
  same: (u) => u,
  withDefaultPort: (u) => {
    const match = /^(https?:\/\/)([^/?#]*)(.*)$/i.exec(u)!;
    const authority = match[2]!;
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort.slice(hostPort.lastIndexOf(']') + 1).includes(':')) return u;
    return `${match[1]}${authority}${match[1]!.toLowerCase() === 'https://' ? ':443' : ':80'}${match[3]}`;
  },
  normalized: (u) => new URL(u).toString(),
  legacyQuery: (u) => {
    const normalized = new URL(u).toString();
    const start = normalized.indexOf('?');
    if (start < 0 || start === normalized.length - 1) return normalized;
    return `${normalized.slice(0, start)}?${querystring.stringify(querystring.parse(normalized.slice(start + 1)))}`;
  },
  otherScheme: (u) => (u.startsWith('https:') ? `http:${u.slice(6)}` : `https:${u.slice(5)}`),
  otherPath: (u) => {
    const parsed = new URL(u);
    parsed.pathname += 'x';
    return parsed.toString();
  },
  extraQuery: (u) => `${u}${u.includes('?') ? '&' : '?'}extra=1`,
};

const contentType = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe.each(providers)('twilio interop with $name crypto', ({ crypto }) => {
  it('signs form requests byte for byte as the SDK, and the SDK validates them', async () => {
    await fc.assert(
      fc.asyncProperty(token, url, params, async (authToken, requestUrl, pairs) => {
        const headers = await twilio({ secret: authToken, crypto }).sign({
          body: formBody(pairs),
          url: requestUrl,
        });
        const signature = headers['X-Twilio-Signature']!;
        expect(signature).toBe(getExpectedTwilioSignature(authToken, requestUrl, sdkParams(pairs)));
        expect(validateRequest(authToken, signature, requestUrl, sdkParams(pairs))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts a form signature exactly when the SDK does, for every URL form', async () => {
    await fc.assert(
      fc.asyncProperty(
        token,
        url,
        params,
        fc.constantFrom(...Object.keys(forms)),
        async (authToken, requestUrl, pairs, form) => {
          const signedUrl = forms[form]!(requestUrl);
          const signature = getExpectedTwilioSignature(authToken, signedUrl, sdkParams(pairs));
          const sdk = validateRequest(authToken, signature, requestUrl, sdkParams(pairs));
          const scheme = twilio({ secret: authToken, crypto });
          const ours = await scheme
            .verify({
              headers: { 'X-Twilio-Signature': signature, ...contentType },
              body: formBody(pairs),
              url: requestUrl,
            })
            .then(
              () => true,
              (error: { code?: string }) => {
                expect(error.code).toBe('INVALID_SIGNATURE');
                return false;
              },
            );
          expect(ours, `signed over the ${form} form ${signedUrl}`).toBe(sdk);
          if (['same', 'withDefaultPort', 'normalized', 'legacyQuery'].includes(form))
            expect(ours).toBe(true);
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('verifies what the SDK signs for a bodySHA256 request, and signs what the SDK validates', async () => {
    await fc.assert(
      fc.asyncProperty(token, url, textBody, async (authToken, base, body) => {
        const requestUrl = `${base}${base.includes('?') ? '&' : '?'}bodySHA256=${getExpectedBodyHash(body)}`;
        const scheme = twilio({ secret: authToken, crypto });
        const sdkSignature = getExpectedTwilioSignature(authToken, requestUrl, {});
        const headers = { 'X-Twilio-Signature': sdkSignature, 'Content-Type': 'application/json' };
        await expect(scheme.verify({ headers, body: utf8(body), url: requestUrl })).resolves.toMatchObject({
          scheme: 'twilio',
          secretIndex: 0,
        });
        const ours = await scheme.sign({ body: utf8(body), url: requestUrl });
        expect(ours['X-Twilio-Signature']).toBe(sdkSignature);
        expect(validateRequestWithBody(authToken, ours['X-Twilio-Signature']!, requestUrl, body)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a changed body exactly when the SDK does (bodySHA256)', async () => {
    await fc.assert(
      fc.asyncProperty(token, url, textBody, textBody, async (authToken, base, body, sent) => {
        const requestUrl = `${base}${base.includes('?') ? '&' : '?'}bodySHA256=${getExpectedBodyHash(body)}`;
        const signature = getExpectedTwilioSignature(authToken, requestUrl, {});
        const sdk = validateRequestWithBody(authToken, signature, requestUrl, sent);
        const headers = { 'X-Twilio-Signature': signature, 'Content-Type': 'application/json' };
        const ours = await twilio({ secret: authToken, crypto })
          .verify({ headers, body: utf8(sent), url: requestUrl })
          .then(
            () => true,
            () => false,
          );
        expect(ours).toBe(sdk);
        expect(ours).toBe(sent === body);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the SDK on the official fixture URL forms', async () => {
    const fixture = twilio({ secret: '12345', crypto });
    const body =
      'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
    const pairs = [...new URLSearchParams(body)];
    for (const requestUrl of [
      'https://mycompany.com/myapp.php?foo=1&bar=2',
      'https://mycompany.com:1234/myapp.php?foo=1&bar=2',
      'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
      'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2',
      "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing",
    ]) {
      for (const form of Object.values(forms)) {
        const signature = getExpectedTwilioSignature('12345', form(requestUrl), sdkParams(pairs));
        const sdk = validateRequest('12345', signature, requestUrl, sdkParams(pairs));
        const ours = await fixture
          .verify({ headers: { 'X-Twilio-Signature': signature, ...contentType }, body, url: requestUrl })
          .then(
            () => true,
            () => false,
          );
        expect(ours).toBe(sdk);
      }
    }
  });
});
