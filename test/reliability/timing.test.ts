// Timing: a wrong signature that differs from the expected one at its first character takes
// as long to refuse as one that differs at its last, both in the comparison function itself
// and through a whole scheme.verify; and a matching signature takes as long to find first as
// last among many. An early-exit comparison fails these checks (the test includes one, as a
// control that the measurement can see the difference on this machine, now).
//
// Noise on a shared machine can only hide a difference, not create one that holds in every
// round: each check passes as soon as one round of interleaved samples shows medians within
// the tolerance, and an early exit is far outside it in every round.
import { randomBytes } from 'node:crypto';
import { stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { timingSafeEqualString } from '../../packages/signatures/src/encoding.js';

const ROUNDS = 5;
let sink = 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

interface Round {
  a: number;
  b: number;
  /** |median(a) − median(b)| / the smaller median. */
  difference: number;
}

/** One round: `samples` timings of each, interleaved in random order, each `batch` calls long. */
function round(a: () => unknown, b: () => unknown, samples: number, batch: number): Round {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < samples; i++) {
    const order = Math.random() < 0.5 ? [0, 1] : [1, 0];
    for (const which of order) {
      const fn = which === 0 ? a : b;
      const start = process.hrtime.bigint();
      for (let k = 0; k < batch; k++) if (fn()) sink++;
      times[which as 0 | 1].push(Number(process.hrtime.bigint() - start));
    }
  }
  const ma = median(times[0]);
  const mb = median(times[1]);
  return { a: ma, b: mb, difference: Math.abs(ma - mb) / Math.min(ma, mb) };
}

/**
 * Rounds until one shows the two within `tolerance` (then they are indistinguishable); all
 * rounds when none does. Returns every round measured.
 */
function indistinguishable(
  a: () => unknown,
  b: () => unknown,
  samples: number,
  batch: number,
  tolerance: number,
) {
  // Warm up both paths, so that the optimising compiler has settled before anything is measured.
  round(a, b, 2_000, batch);
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(round(a, b, samples, batch));
    if (rounds.at(-1)!.difference < tolerance) break;
  }
  return { pass: rounds.some((r) => r.difference < tolerance), rounds };
}

const report = (rounds: Round[]) =>
  rounds.map((r) => `${r.a}/${r.b} ns (${(r.difference * 100).toFixed(1)}%)`).join(', ');

/** A comparison that stops at the first difference: what the tests must catch. */
function earlyExitEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** `text` with the character at `index` changed (to another hex digit). */
const flip = (text: string, index: number) =>
  text.slice(0, index) + (text[index] === 'a' ? 'b' : 'a') + text.slice(index + 1);

describe('timingSafeEqualString (packages/signatures/src/encoding.ts)', () => {
  it.each([
    { length: 64, batch: 16, tolerance: 0.05 },
    { length: 4096, batch: 1, tolerance: 0.05 },
  ])(
    'takes the same time for a difference at the first or the last of $length characters',
    ({ length, batch, tolerance }) => {
      const expected = randomBytes(length / 2).toString('hex');
      const first = flip(expected, 0);
      const last = flip(expected, length - 1);
      const constant = indistinguishable(
        () => timingSafeEqualString(expected, first),
        () => timingSafeEqualString(expected, last),
        20_000,
        batch,
        tolerance,
      );
      console.info(`timingSafeEqualString, ${length} chars, first vs last: ${report(constant.rounds)}`);
      expect(constant.pass, report(constant.rounds)).toBe(true);

      // The control: the same measurement tells an early-exit comparison apart, by far.
      const control = round(
        () => earlyExitEqual(expected, first),
        () => earlyExitEqual(expected, last),
        5_000,
        batch,
      );
      console.info(`early-exit control, ${length} chars: ${report([control])}`);
      expect(control.difference).toBeGreaterThan(1);
    },
  );
});

describe('stripe().verify as a whole', () => {
  const secret = 'whsec_timing_reliability';
  const scheme = stripe({ secret });
  const body = '{"id":"evt_timing","type":"invoice.paid","data":{"object":{"amount_paid":1200}}}';
  const timestamp = 1_767_225_600;
  // Stripe sends several v1 entries while a secret rolls; each is compared with the expected
  // signature. 100 of them make a per-character early exit add microseconds per request.
  const CANDIDATES = 100;
  let genuine = '';

  /** Runs the synchronous part of verify (parse, HMAC, compare), which is all of it with node:crypto. */
  const verifying = (header: string) => () => {
    scheme
      .verify({ headers: { 'stripe-signature': header }, body, now: timestamp * 1000 })
      .catch(() => undefined);
    return 0;
  };

  it('refuses wrong signatures that differ at the first or at the last character in the same time', async () => {
    genuine = (await scheme.sign({ body, timestamp }))['Stripe-Signature']!.split('v1=')[1]!;
    const header = (signature: string) =>
      `t=${timestamp},${Array.from({ length: CANDIDATES }, () => `v1=${signature}`).join(',')}`;
    const result = indistinguishable(
      verifying(header(flip(genuine, 0))),
      verifying(header(flip(genuine, genuine.length - 1))),
      20_000,
      1,
      0.03,
    );
    console.info(
      `stripe verify, ${CANDIDATES} wrong v1 entries, first vs last character: ${report(result.rounds)}`,
    );
    expect(result.pass, report(result.rounds)).toBe(true);
  });

  it('finds the matching signature first or last among the entries in the same time', async () => {
    genuine ||= (await scheme.sign({ body, timestamp }))['Stripe-Signature']!.split('v1=')[1]!;
    const wrong = Array.from({ length: CANDIDATES - 1 }, () => `v1=${flip(genuine, 0)}`);
    const result = indistinguishable(
      verifying(`t=${timestamp},v1=${genuine},${wrong.join(',')}`),
      verifying(`t=${timestamp},${wrong.join(',')},v1=${genuine}`),
      20_000,
      1,
      0.03,
    );
    console.info(`stripe verify, genuine entry first vs last of ${CANDIDATES}: ${report(result.rounds)}`);
    expect(result.pass, report(result.rounds)).toBe(true);
    expect(sink).toBeGreaterThanOrEqual(0);
  });
});
