import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { flipByte } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders } from './test-support/vectors.js';
import { twilio } from './twilio.js';
import { twilioUrlVariants } from './twilio-url.js';
import type { SignedRequest } from './types.js';

// twilio-node spec/validation.spec.js fixtures (SIGNATURES.md §2.6).
const FIXTURE_TOKEN = '12345';
const FIXTURE_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const FIXTURE_BODY =
  'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
const FIXTURE_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_URL = `${FIXTURE_URL}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;
const JSON_SIGNATURE = 'a9nBmqA0ju/hNViExpshrM61xv4=';

// Long enough for the leak check of expectWebhookError (values under 8 characters are skipped).
const TOKEN = '0123456789abcdef0123456789abcdef';
const OLD_TOKEN = 'fedcba9876543210fedcba9876543210';
const URL_ = 'https://example.com/twilio/sms?tenant=7';
const FORM = 'application/x-www-form-urlencoded';
const FORM_BODY = 'Body=Hello+w%C3%B6rld+%F0%9F%98%80&From=%2B15005550006&To=%2B15005550001';
const NON_UTF8 = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc0, 0xaf, 0xe2, 0x82, 0x7b, 0x7d);

/** The signature computed independently: HMAC-SHA1 over the exact signed string. */
function reference(token: string, signed: string): string {
  return createHmac('sha1', token).update(signed, 'utf8').digest('base64');
}

const sha256Hex = (body: Uint8Array | string) => createHash('sha256').update(body).digest('hex');

function request(
  signature: string | string[] | undefined,
  options: { url?: string; body?: Uint8Array | string; contentType?: string | null; id?: string } = {},
): SignedRequest {
  const headers: Record<string, string | string[] | undefined> = { 'x-twilio-signature': signature };
  if (options.contentType !== null) headers['content-type'] = options.contentType ?? FORM;
  if (options.id) headers['i-twilio-idempotency-token'] = options.id;
  return { headers, body: options.body ?? FORM_BODY, url: 'url' in options ? options.url : URL_ };
}

describe('twilioUrlVariants', () => {
  it('tries the URL with and without its port, then the normalised and legacy-encoded forms', () => {
    expect(twilioUrlVariants('https://example.com/a?b=1')).toEqual([
      'https://example.com/a?b=1',
      'https://example.com:443/a?b=1',
    ]);
    expect(twilioUrlVariants('http://u:p@example.com:8080/a')).toEqual([
      'http://u:p@example.com/a',
      'http://u:p@example.com:8080/a',
    ]);
    expect(twilioUrlVariants("https://example.com/a?Body=It's+amazing&x=%7e")).toEqual([
      "https://example.com/a?Body=It's+amazing&x=%7e",
      "https://example.com:443/a?Body=It's+amazing&x=%7e",
      'https://example.com/a?Body=It%27s+amazing&x=%7e',
      'https://example.com:443/a?Body=It%27s+amazing&x=%7e',
      "https://example.com/a?Body=It's%20amazing&x=~",
      "https://example.com:443/a?Body=It's%20amazing&x=~",
    ]);
  });

  it('keeps an IPv6 literal whole and takes the port only after it', () => {
    expect(twilioUrlVariants('https://[::1]:8443/a')).toEqual(['https://[::1]/a', 'https://[::1]:8443/a']);
  });

  it('re-encodes the query like querystring: names grouped, integer-like names first', () => {
    expect(twilioUrlVariants('https://e.com/?b=1&2=x&b=3&a&1=y').at(-1)).toBe(
      'https://e.com:443/?1=y&2=x&b=1&b=3&a=',
    );
  });
});

describe.each(cryptoProviders)('twilio with $name crypto', ({ provider: crypto }) => {
  const scheme = twilio({ secret: TOKEN, crypto });
  const fixture = twilio({ secret: FIXTURE_TOKEN, crypto });
  const sign = (body: Uint8Array | string, url = URL_) =>
    scheme.sign({ body, url }).then((h) => h['X-Twilio-Signature']!);

  describe('the twilio-node fixtures', () => {
    it('sign() gives the published form signature', async () => {
      const headers = await fixture.sign({ body: FIXTURE_BODY, url: FIXTURE_URL, id: 'idem-1' });
      expect(headers).toEqual({
        'X-Twilio-Signature': FIXTURE_SIGNATURE,
        'I-Twilio-Idempotency-Token': 'idem-1',
      });
    });

    it('sign() gives the published bodySHA256 signature, over the URL alone', async () => {
      const headers = await fixture.sign({ body: JSON_BODY, url: JSON_URL });
      expect(headers['X-Twilio-Signature']).toBe(JSON_SIGNATURE);
      expect(headers['I-Twilio-Idempotency-Token']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sign() de-duplicates and sorts repeated values as the fixtures do', async () => {
      const sign = (body: string) =>
        fixture.sign({ body, url: FIXTURE_URL }).then((h) => h['X-Twilio-Signature']);
      await expect(sign('Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234')).resolves.toBe(
        'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
      );
      const addresses = 'MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx';
      await expect(sign(addresses)).resolves.toBe('83O6e2vORAoJHUNzJjDWN1jz+BA=');
    });

    it('verify() reports the scheme, the idempotency token and the secret index', async () => {
      const verified = await fixture.verify(
        request(FIXTURE_SIGNATURE, { url: FIXTURE_URL, body: FIXTURE_BODY, id: 'idem-2' }),
      );
      expect(verified).toEqual({
        scheme: 'twilio',
        id: 'idem-2',
        secretIndex: 0,
        contentKey: FIXTURE_SIGNATURE,
      });
      await expect(
        fixture.verify(request(FIXTURE_SIGNATURE, { url: FIXTURE_URL, body: FIXTURE_BODY })),
      ).resolves.toEqual({ scheme: 'twilio', id: undefined, secretIndex: 0, contentKey: FIXTURE_SIGNATURE });
    });
  });

  describe('form bodies', () => {
    it('verifies what sign() produced, with a Web Headers object too', async () => {
      const signature = await sign(FORM_BODY);
      expect(signature).toBe(reference(TOKEN, `${URL_}BodyHello wörld 😀From+15005550006To+15005550001`));
      await expect(scheme.verify(request(signature))).resolves.toMatchObject({ secretIndex: 0 });
      const headers = new Headers({ 'X-Twilio-Signature': signature, 'Content-Type': FORM });
      await expect(scheme.verify({ headers, body: FORM_BODY, url: URL_ })).resolves.toMatchObject({
        secretIndex: 0,
      });
    });

    it('sorts names by UTF-16 code units and appends name + decoded value, no separators', async () => {
      // Code-unit order puts U+1F600 (a surrogate pair, 0xD83D…) before U+FB00; code-point order would not.
      const body = 'b=2&%EF%AC%80=ff&%F0%9F%98%80=smile&B=1&a=+x&%C3%A9=e';
      const expected = reference(TOKEN, `${URL_}B1a xb2ée😀smileﬀff`);
      await expect(sign(body)).resolves.toBe(expected);
      await expect(scheme.verify(request(expected, { body }))).resolves.toMatchObject({ secretIndex: 0 });
    });

    it('signs each distinct value of a repeated name once, values sorted', async () => {
      const expected = reference(TOKEN, `${URL_}D1234D5678E`);
      await expect(sign('D=5678&E=&D=1234&D=1234')).resolves.toBe(expected);
      await expect(scheme.verify(request(expected, { body: 'D=1234&D=5678&E' }))).resolves.toBeDefined();
    });

    it('takes a body that starts with ? as form data, the ? part of the first name', async () => {
      const expected = reference(TOKEN, `${URL_}?a1`);
      await expect(sign('?a=1')).resolves.toBe(expected);
      await expect(scheme.verify(request(expected, { body: '?a=1' }))).resolves.toBeDefined();
    });

    it('accepts the same parameters in another order or escaping (Twilio signs decoded, sorted values)', async () => {
      const signature = await sign(FORM_BODY);
      const reordered = 'To=%2b15005550001&From=%2B15005550006&Body=Hello%20w%C3%B6rld+%F0%9F%98%80';
      await expect(scheme.verify(request(signature, { body: reordered }))).resolves.toBeDefined();
    });

    it('reads the Content-Type case-insensitively and with parameters; no Content-Type means form', async () => {
      const signature = await sign(FORM_BODY);
      for (const contentType of ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', ` ${FORM} `]) {
        await expect(scheme.verify(request(signature, { contentType }))).resolves.toBeDefined();
      }
      await expect(scheme.verify(request(signature, { contentType: null }))).resolves.toBeDefined();
    });

    it('signs the URL alone when the body is empty, whatever the Content-Type (GET callbacks)', async () => {
      const signature = await sign('');
      expect(signature).toBe(reference(TOKEN, URL_));
      await expect(
        scheme.verify(request(signature, { body: '', contentType: 'application/json' })),
      ).resolves.toBeDefined();
      await expect(scheme.verify(request(signature, { body: new Uint8Array(0) }))).resolves.toBeDefined();
    });

    it('fails when a parameter is changed, added, removed or renamed', async () => {
      const signature = await sign(FORM_BODY);
      const secrets = [TOKEN, signature];
      for (const body of [
        FORM_BODY.replace('0006', '0007'),
        `${FORM_BODY}&Extra=1`,
        FORM_BODY.replace('&To=%2B15005550001', ''),
        FORM_BODY.replace('From=', 'Frm='),
        FORM_BODY.replace('Body=', 'body='),
        FORM_BODY.replace('Body=', 'Body=x'),
      ]) {
        await expectWebhookError(scheme.verify(request(signature, { body })), 'INVALID_SIGNATURE', secrets);
      }
    });

    it('fails with a body byte changed inside a value', async () => {
      const signature = await sign(FORM_BODY);
      const bytes = new TextEncoder().encode(FORM_BODY);
      const index = FORM_BODY.indexOf('Hello');
      await expectWebhookError(
        scheme.verify(request(signature, { body: flipByte(bytes, index) })),
        'INVALID_SIGNATURE',
      );
    });

    it('refuses a body that is neither form data nor covered by bodySHA256', async () => {
      // The URL-only signature of an empty body would match; the JSON body must not ride on it.
      const signature = await sign('');
      const error = await expectWebhookError(
        scheme.verify(request(signature, { body: JSON_BODY, contentType: 'application/json' })),
        'INVALID_SIGNATURE',
        [TOKEN, signature],
      );
      expect(error.message).toContain('bodySHA256');
      // Read as form data this body has no parameters, so the URL-only signature would match.
      for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
        await expectWebhookError(
          scheme.verify(request(signature, { body: '&', contentType })),
          'INVALID_SIGNATURE',
        );
      }
    });
  });

  describe('URL forms', () => {
    const signedOver = async (signedUrl: string, receivedUrl: string) =>
      scheme.verify(request(await sign(FORM_BODY, signedUrl), { url: receivedUrl }));

    it('accepts a signature over the URL with or without the default port', async () => {
      await expect(
        signedOver('https://example.com:443/sms', 'https://example.com/sms'),
      ).resolves.toBeDefined();
      await expect(
        signedOver('https://example.com/sms', 'https://example.com:443/sms'),
      ).resolves.toBeDefined();
      await expect(signedOver('http://example.com:80/sms', 'http://example.com/sms')).resolves.toBeDefined();
    });

    it('accepts an explicit port kept or removed, as twilio-node does (any port is stripped)', async () => {
      await expect(
        signedOver('https://example.com:8443/sms', 'https://example.com:8443/sms'),
      ).resolves.toBeDefined();
      await expect(
        signedOver('https://example.com/sms', 'https://example.com:8443/sms'),
      ).resolves.toBeDefined();
    });

    it('keeps URL credentials in the signed string', async () => {
      await expect(
        signedOver('https://u:p@example.com/sms', 'https://u:p@example.com/sms'),
      ).resolves.toBeDefined();
      await expect(
        signedOver('https://u:p@example.com:443/sms', 'https://u:p@example.com/sms'),
      ).resolves.toBeDefined();
      await expectWebhookError(
        signedOver('https://u:p@example.com/sms', 'https://example.com/sms'),
        'INVALID_SIGNATURE',
      );
    });

    it("accepts a query signed with ' or with %27", async () => {
      const received = "https://example.com/sms?Body=It's+amazing";
      await expect(signedOver(received, received)).resolves.toBeDefined();
      await expect(
        signedOver('https://example.com/sms?Body=It%27s+amazing', received),
      ).resolves.toBeDefined();
      await expect(
        signedOver("https://example.com/sms?Body=It's%20amazing", received),
      ).resolves.toBeDefined();
    });

    it('fails for another scheme, host, path, query or a dropped query', async () => {
      const signed = 'https://example.com/sms?tenant=7';
      for (const received of [
        'http://example.com/sms?tenant=7',
        'https://example.org/sms?tenant=7',
        'https://api.example.com/sms?tenant=7',
        'https://example.com/voice?tenant=7',
        'https://example.com/sms/?tenant=7',
        'https://example.com/sms?tenant=8',
        'https://example.com/sms',
      ]) {
        await expectWebhookError(signedOver(signed, received), 'INVALID_SIGNATURE', [TOKEN]);
      }
    });

    it('needs the absolute URL: absent or relative is a configuration error (500)', async () => {
      const signature = await sign(FORM_BODY);
      await expectWebhookError(scheme.verify(request(signature, { url: undefined })), 'INVALID_SECRET');
      await expectWebhookError(scheme.verify(request(signature, { url: '' })), 'INVALID_SECRET');
      await expectWebhookError(
        scheme.verify(request(signature, { url: '/twilio/sms?tenant=7' })),
        'INVALID_SECRET',
      );
      await expectWebhookError(scheme.sign({ body: FORM_BODY }), 'INVALID_SECRET', [TOKEN]);
    });
  });

  describe('bodySHA256 (JSON and other non-form bodies)', () => {
    const jsonUrl = (body: Uint8Array | string) => `${URL_}&bodySHA256=${sha256Hex(body)}`;
    const jsonRequest = (signature: string, body: Uint8Array | string, url = jsonUrl(body)) =>
      request(signature, { body, url, contentType: 'application/json' });

    it('verifies the URL signature and the body hash, of any bytes', async () => {
      for (const body of [JSON_BODY, '', '{"text":"wörld 😀"}', NON_UTF8]) {
        const signature = await sign(body, jsonUrl(body));
        expect(signature).toBe(reference(TOKEN, jsonUrl(body)));
        await expect(scheme.verify(jsonRequest(signature, body))).resolves.toMatchObject({ secretIndex: 0 });
      }
    });

    it('takes the bodySHA256 path whatever the Content-Type says', async () => {
      const signature = await sign(JSON_BODY, jsonUrl(JSON_BODY));
      const req = request(signature, { body: JSON_BODY, url: jsonUrl(JSON_BODY) });
      await expect(scheme.verify(req)).resolves.toBeDefined();
    });

    it('fails with a body byte changed', async () => {
      for (const body of [new TextEncoder().encode(JSON_BODY), NON_UTF8]) {
        const url = jsonUrl(body);
        const signature = await sign(body, url);
        for (const index of [0, body.length - 1]) {
          await expectWebhookError(
            scheme.verify(jsonRequest(signature, flipByte(body, index), url)),
            'INVALID_SIGNATURE',
            [TOKEN, signature, sha256Hex(body)],
          );
        }
      }
    });

    it('fails when the hash in the URL is changed, even to the hash of the body sent', async () => {
      const signature = await sign(JSON_BODY, jsonUrl(JSON_BODY));
      const other = '{"property": "other"}';
      await expectWebhookError(scheme.verify(jsonRequest(signature, other)), 'INVALID_SIGNATURE');
    });

    it('wants the hash in lower-case hex, as twilio-node compares it', async () => {
      const url = `${URL_}&bodySHA256=${sha256Hex(JSON_BODY).toUpperCase()}`;
      const signature = reference(TOKEN, url);
      await expectWebhookError(scheme.verify(jsonRequest(signature, JSON_BODY, url)), 'INVALID_SIGNATURE');
    });

    it('sign() refuses a URL whose bodySHA256 is not the hash of the body', async () => {
      await expectWebhookError(scheme.sign({ body: '{}', url: jsonUrl(JSON_BODY) }), 'INVALID_SECRET', [
        TOKEN,
      ]);
    });
  });

  describe('the X-Twilio-Signature header', () => {
    it('is required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
    });

    it('may be repeated with one value, not with two', async () => {
      const signature = await sign(FORM_BODY);
      await expect(scheme.verify(request([signature, signature]))).resolves.toBeDefined();
      const other = await sign(`${FORM_BODY}&x=1`);
      await expectWebhookError(scheme.verify(request([signature, other])), 'MALFORMED_HEADER', [
        TOKEN,
        signature,
        other,
      ]);
    });

    it('must be the base64 of 20 bytes', async () => {
      const signature = await sign(FORM_BODY);
      const hex = createHmac('sha1', TOKEN).update(URL_).digest('hex');
      for (const garbled of [
        'not base64 at all',
        hex,
        signature.slice(0, -1),
        signature.slice(0, -1).concat('A'),
        `${signature} `,
        ` ${signature}`,
        `${signature}=`,
        signature.replace(/[+/]/g, '-').replace(/^./, '_'),
        Buffer.alloc(32, 7).toString('base64'),
        `sha1=${signature}`,
      ]) {
        await expectWebhookError(scheme.verify(request(garbled)), 'MALFORMED_HEADER', [TOKEN, signature]);
      }
    });

    it('fails, well-formed but wrong', async () => {
      const signature = await sign(FORM_BODY);
      const wrong = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
      await expectWebhookError(scheme.verify(request(wrong)), 'INVALID_SIGNATURE', [TOKEN, signature, wrong]);
    });
  });

  describe('Auth Tokens', () => {
    it('fails with another token', async () => {
      const other = twilio({ secret: OLD_TOKEN, crypto });
      const signature = await sign(FORM_BODY);
      await expectWebhookError(other.verify(request(signature)), 'INVALID_SIGNATURE', [
        TOKEN,
        OLD_TOKEN,
        signature,
      ]);
    });

    it('rotates: the secondary token matches with secretIndex 1, the primary signs', async () => {
      const rotating = twilio({ secret: [TOKEN, OLD_TOKEN], crypto });
      const byOld = await twilio({ secret: OLD_TOKEN, crypto }).sign({ body: FORM_BODY, url: URL_ });
      await expect(rotating.verify(request(byOld['X-Twilio-Signature']))).resolves.toMatchObject({
        secretIndex: 1,
      });
      const byRotating = await rotating.sign({ body: FORM_BODY, url: URL_ });
      expect(byRotating['X-Twilio-Signature']).toBe(await sign(FORM_BODY));
      await expect(rotating.verify(request(byRotating['X-Twilio-Signature']))).resolves.toMatchObject({
        secretIndex: 0,
      });
    });

    it('rotates in JSON mode and on a port variant too', async () => {
      const rotating = twilio({ secret: [TOKEN, OLD_TOKEN], crypto });
      const url = `https://example.com/hook?bodySHA256=${sha256Hex(JSON_BODY)}`;
      const signature = reference(OLD_TOKEN, url.replace('.com/', '.com:443/'));
      const req = request(signature, { body: JSON_BODY, url, contentType: 'application/json' });
      await expect(rotating.verify(req)).resolves.toMatchObject({ secretIndex: 1 });
    });

    it('looks tokens up per request', async () => {
      const perTenant = twilio({
        secret: async (req) => (req.url?.includes('tenant=7') ? [OLD_TOKEN, TOKEN] : 'another-tenant-token'),
        crypto,
      });
      const signature = await sign(FORM_BODY);
      await expect(perTenant.verify(request(signature))).resolves.toMatchObject({ secretIndex: 1 });
      await expectWebhookError(
        perTenant.verify(request(signature, { url: URL_.replace('tenant=7', 'tenant=8') })),
        'INVALID_SIGNATURE',
      );
    });

    it('must be configured', () => {
      expectThrowsWebhookError(() => twilio({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => twilio({ secret: [], crypto }), 'INVALID_SECRET');
    });
  });
});
