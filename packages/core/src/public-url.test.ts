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
