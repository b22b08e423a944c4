import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerFlag } from './integer-flag.js';
import { UsageError } from './io.js';
import { runCaptured } from './test-support/run-captured.js';

const LIMIT = { min: 1, max: 1_000_000, unit: 'jobs' };
const SECONDS = { min: 0, max: 999_999_999_999, unit: 'unix seconds' };
const parse = (value: string, range = LIMIT) => integerFlag('jobs', '--limit', value, range);

describe('integerFlag', () => {
  it('refuses what Number() would take but is no plain decimal', () => {
    for (const value of [
      '1e3',
      '0x10',
      '0b1',
      '0o7',
      ' 5',
      '5 ',
      '5.0',
      '+5',
      '-1',
      '',
      'Infinity',
      '1_000',
      '５',
    ]) {
      expect(() => parse(value), value).toThrow(UsageError);
    }
    expect(() => parse('1e3')).toThrow('--limit "1e3" is not a whole number of jobs from 1 to 1000000');
  });

  it('refuses values out of range, however many digits', () => {
    expect(() => parse('0')).toThrow(UsageError);
    expect(() => parse('1000001')).toThrow(UsageError);
    expect(() => parse('9'.repeat(400))).toThrow(UsageError);
    expect(() => parse('1000000000000', SECONDS)).toThrow(UsageError);
    expect(parse('1000000')).toBe(1_000_000);
    expect(parse('0', SECONDS)).toBe(0);
    expect(parse(`${'0'.repeat(40)}7`)).toBe(7);
    expect(integerFlag('jobs', '--limit', undefined, LIMIT)).toBeUndefined();
  });

  it('property: any string that is not decimal digits is refused', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !/^[0-9]+$/.test(s)),
        (value) => {
          expect(() => parse(value, SECONDS)).toThrow(UsageError);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('property: digit strings are accepted exactly when their value is in range', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (value) => {
        const inRange = BigInt(value) >= 1n && BigInt(value) <= 1_000_000n;
        if (inRange) expect(parse(value)).toBe(Number(BigInt(value)));
        else expect(() => parse(value)).toThrow(UsageError);
      }),
      { numRuns: 2_000 },
    );
  });

  it('property: every in-range decimal round-trips', () => {
    for (const range of [LIMIT, SECONDS]) {
      fc.assert(
        fc.property(fc.integer({ min: range.min, max: range.max }), (value) => {
          expect(parse(String(value), range)).toBe(value);
        }),
      );
    }
  });
});

describe('numeric flags of every command', () => {
  const run = (argv: string[]) => runCaptured(argv, { now: () => 1_767_225_600_000 });
  const sign = ['sign', '-p', 'github', '-s', 'gh', '--body', '{}'];
  const verify = [
    'verify',
    '-p',
    'github',
    '-s',
    'gh',
    '-H',
    'X-Hub-Signature-256: sha256=00',
    '--body',
    '{}',
  ];
  const cases: [string[], string][] = [
    [['jobs', 'failed', '--redis', 'redis://127.0.0.1:1', '--queue', 'q'], '--limit'],
    [sign, '--timestamp'],
    [['send', '-p', 'github', '-s', 'gh', 'http://127.0.0.1:1/'], '--timestamp'],
    [verify, '--now'],
    [verify, '--tolerance'],
  ];

  it.each(cases)('%j refuses 1e3, 0x10 and -1 with exit 2, naming the flag', async (argv, flag) => {
    for (const value of ['1e3', '0x10', '-1', '1.5']) {
      const result = await run([...argv, `${flag}=${value}`]);
      expect(result.code, `${flag} ${value}`).toBe(2);
      expect(result.stderr).toContain(`${flag} ${JSON.stringify(value)} is not a whole number of`);
    }
  });
});
