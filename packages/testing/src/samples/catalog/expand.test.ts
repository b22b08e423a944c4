import { describe, expect, it } from 'vitest';
import { expandExample } from './expand.js';

describe('expandExample', () => {
  it('puts shared parts back, nested ones too, as fresh objects', () => {
    const shared = { owner: { login: 'octocat' }, repo: { name: 'hello', owner: { $sample: 'owner' } } };
    const payload = { repository: { $sample: 'repo' }, forks: [{ $sample: 'repo' }], action: 'opened' };
    const expanded = expandExample(payload, shared) as { repository: unknown; forks: unknown[] };
    expect(expanded).toEqual({
      repository: { name: 'hello', owner: { login: 'octocat' } },
      forks: [{ name: 'hello', owner: { login: 'octocat' } }],
      action: 'opened',
    });
    expect(expanded.repository).not.toBe(expanded.forks[0]);
  });

  it('says what to do when a part is missing', () => {
    expect(() => expandExample({ a: { $sample: 'gone' } }, {})).toThrow(/run npm run catalogs/);
  });
});
