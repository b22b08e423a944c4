import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicUrl } from './public-url.js';

describe('publicUrl', () => {
  const headers = {
    host: 'internal:3000',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'hooks.example.com',
  };

  it('uses the Host header and the connection protocol by default, ignoring X-Forwarded-*', () => {
    expect(publicUrl({ headers, path: '/twilio?a=1&b=%20', encrypted: false })).toBe(
      'http://internal:3000/twilio?a=1&b=%20',
    );
    expect(publicUrl({ headers, path: '/twilio', encrypted: true })).toBe('https://internal:3000/twilio');
  });

  it('takes the first X-Forwarded-Proto and X-Forwarded-Host entries when trustProxy is on', () => {
    const chained = {
      ...headers,
      'x-forwarded-proto': 'HTTPS, http',
      'x-forwarded-host': 'a.example, b.internal',
    };
    expect(publicUrl({ headers: chained, path: '/t', encrypted: false, trustProxy: true })).toBe(
      'https://a.example/t',
    );
    expect(publicUrl({ headers: new Headers(headers), path: '/t', encrypted: false, trustProxy: true })).toBe(
      'https://hooks.example.com/t',
    );
  });

  it('falls back to Host and the connection when a trusted proxy sent no forwarding headers', () => {
    expect(publicUrl({ headers: { host: 'a.example' }, path: '/t', encrypted: true, trustProxy: true })).toBe(
      'https://a.example/t',
    );
  });

  it('uses a given publicUrl as it is', () => {
    expect(
      publicUrl({ headers, path: '/x', encrypted: false, publicUrl: 'https://p.example/hook?k=v' }),
    ).toBe('https://p.example/hook?k=v');
  });

  it('reads an HTTP/2 :authority and keeps the path byte for byte', () => {
    expect(
      publicUrl({ headers: { ':authority': 'h2.example' }, path: '/a/../b?x=%2F', encrypted: true }),
    ).toBe('https://h2.example/a/../b?x=%2F');
  });

  it('answers undefined without a host, or for a forwarded scheme that is not http(s)', () => {
    expect(publicUrl({ headers: {}, path: '/t', encrypted: false })).toBeUndefined();
    expect(
      publicUrl({
        headers: { host: 'a', 'x-forwarded-proto': 'javascript' },
        path: '/t',
        encrypted: false,
        trustProxy: true,
      }),
    ).toBeUndefined();
    expect(publicUrl({ headers: { host: ['a', 'b'] }, path: '/t', encrypted: false })).toBeUndefined();
  });
});

describe('publicUrl on any headers', () => {
  const anyValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('https', 'HTTP', 'javascript', 'https, http', ' , ', 'a.example, b.example', ''),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  );
  const NAMES = ['host', 'Host', ':authority', 'x-forwarded-proto', 'X-Forwarded-Proto', 'x-forwarded-host'];
  const headersArb = fc.dictionary(fc.constantFrom(...NAMES), anyValue, { maxKeys: 6 });
  const path = fc.oneof(fc.constantFrom('/', '/t?a=1', 't', ''), fc.string({ maxLength: 20 }));
  const FORWARDED = /^x-forwarded-/i;

  it('never throws, answers http(s) only, ends with the path as given, and ignores X-Forwarded-* unless trusted', () => {
    fc.assert(
      fc.property(headersArb, path, fc.boolean(), fc.boolean(), (headers, target, encrypted, trustProxy) => {
        const url = publicUrl({ headers, path: target, encrypted, trustProxy });
        if (url === undefined) return;
        expect(url).toMatch(/^https?:\/\//);
        expect(url.endsWith(target.startsWith('/') ? target : `/${target}`)).toBe(true);
        const direct = Object.fromEntries(Object.entries(headers).filter(([name]) => !FORWARDED.test(name)));
        if (!trustProxy) expect(url).toBe(publicUrl({ headers: direct, path: target, encrypted }));
        else if (Object.keys(direct).length === Object.keys(headers).length)
          expect(url).toBe(publicUrl({ headers, path: target, encrypted }));
      }),
      { numRuns: 1000 },
    );
  });

  it('builds the URL of a host and a path a client can send, whatever the forwarding chain', () => {
    // Letters first: a last label of digits reads as IPv4 in the WHATWG parser.
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
    const host = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 })))
      .map(([labels, port]) => `${labels.join('.')}${port === null ? '' : `:${port}`}`);
    const pathArb = fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`));
    fc.assert(
      fc.property(
        host,
        fc.array(host, { maxLength: 2 }),
        pathArb,
        fc.boolean(),
        (first, rest, target, encrypted) => {
          const headers = {
            host: 'internal:8080',
            'x-forwarded-host': [first, ...rest].join(', '),
            'x-forwarded-proto': 'https',
          };
          const url = publicUrl({ headers, path: target, encrypted, trustProxy: true })!;
          expect(url).toBe(`https://${first}${target}`);
          expect(new URL(url).host).toBe(new URL(`https://${first}`).host);
        },
      ),
      { numRuns: 300 },
    );
  });
});
