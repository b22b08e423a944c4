import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as encoding from './encoding.js';
import { createTokenScheme, type TokenSchemeOptions } from './token-scheme.js';
import { gitlab, postmark } from './tokens.js';
import type { Scheme } from './types.js';

// With several tokens configured (a rotation), a request must cost the same whichever token it
// carries, or none: every configured token is compared, also after one matched, so the time
// does not tell which one a genuine request used. Counted, not timed (rotation-timing.test.ts
// does the same for the HMAC schemes' MACs).

// The real constant-time compare, wrapped to count its calls.
vi.mock('./encoding.js', async (importOriginal) => {
  const actual = await importOriginal<typeof encoding>();
  return { ...actual, timingSafeEqualBytes: vi.fn(actual.timingSafeEqualBytes) };
});
const compare = vi.mocked(encoding.timingSafeEqualBytes);

const bearer = (options: TokenSchemeOptions) =>
  createTokenScheme(
    { name: 'bearer-test', label: 'test token', header: 'Authorization', format: 'bearer' },
    options,
  );

const schemes: [string, (options: TokenSchemeOptions) => Scheme, readonly string[]][] = [
  ['GitLab (raw header)', gitlab, ['token-new', 'token-old', 'token-older']],
  ['Postmark (Basic auth)', postmark, ['hook:new-password', 'hook:old-password', 'hook:older-password']],
  ['a Bearer token', bearer, ['bearer-new', 'bearer-old', 'bearer-older']],
];

beforeEach(() => {
  compare.mockClear();
});

describe.each(schemes)('%s with three tokens configured', (_name, create, tokens) => {
  const scheme = create({ secret: tokens });
  const request = async (token: string) => ({
    headers: await create({ secret: token }).sign({ body: '{}' }),
    body: '{"id":"evt_rotation"}',
  });

  it.each([
    ['the first token', 0],
    ['the last token', 2],
  ] as const)('compares every token for a request carrying %s', async (_which, index) => {
    const carrying = await request(tokens[index]!);
    compare.mockClear();
    await expect(scheme.verify(carrying)).resolves.toMatchObject({ secretIndex: index });
    expect(compare).toHaveBeenCalledTimes(tokens.length);
  });

  it('compares every token for a request carrying none of them, then refuses it', async () => {
    const carrying = await request(tokens[0]!.replace(/new/, 'forged'));
    compare.mockClear();
    await expect(scheme.verify(carrying)).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(compare).toHaveBeenCalledTimes(tokens.length);
  });
});
