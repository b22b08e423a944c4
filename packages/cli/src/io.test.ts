import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutPassword } from './io.js';

describe('withoutPassword', () => {
  it('masks the password as URL parsers read it, and a password query parameter', () => {
    expect(withoutPassword('redis://:p@ss@h:6379')).toBe('redis://:***@h:6379');
    expect(withoutPassword('redis://user:s3cret@h:6379/0')).toBe('redis://user:***@h:6379/0');
    expect(withoutPassword('redis://h:6379/0?password=s3cret&db=1')).toBe(
      'redis://h:6379/0?password=***&db=1',
    );
    expect(withoutPassword('https://user@example.com/sms?a=b')).toBe('https://user@example.com/sms?a=b');
    expect(withoutPassword('https://example.com/a@b')).toBe('https://example.com/a@b');
  });

  it('never prints a password that the WHATWG URL parser finds', () => {
    const password = fc.stringMatching(/^[A-Za-z0-9@:!$*+=~-]{1,24}$/).map((text) => `Q7${text}`);
    fc.assert(
      fc.property(password, fc.constantFrom('redis', 'rediss', 'https'), (secret, scheme) => {
        const url = `${scheme}://user:${secret}@example.test:6379/0`;
        expect(decodeURIComponent(new URL(url).password)).toBe(secret);
        expect(withoutPassword(url)).toBe(`${scheme}://user:***@example.test:6379/0`);
        expect(withoutPassword(`${scheme}://example.test/?password=${secret}`)).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });
});
