import { describe, expect, it } from 'vitest';
import { expireAfter } from './coarse-timeouts.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('expireAfter', () => {
  it('fires once the time has passed, no earlier and at most an eighth (or 5 ms) later', async () => {
    const started = performance.now();
    const fired = await new Promise<number>((resolve) => expireAfter(80, () => resolve(performance.now())));
    expect(fired - started).toBeGreaterThanOrEqual(80);
    // The bound plus scheduling slack of a loaded test machine.
    expect(fired - started).toBeLessThan(80 + 10 + 50);
  });

  it('does not fire once cancelled, and fires the others', async () => {
    const fired: string[] = [];
    const cancel = expireAfter(30, () => fired.push('cancelled'));
    expireAfter(30, () => fired.push('kept'));
    cancel();
    await sleep(80);
    expect(fired).toEqual(['kept']);
  });

  it('fires a short limit on time while a long one is pending (the checks get as frequent as it needs)', async () => {
    const fired: number[] = [];
    const started = performance.now();
    const cancelLong = expireAfter(10_000, () => fired.push(10_000));
    expireAfter(40, () => fired.push(performance.now() - started));
    await sleep(120);
    cancelLong();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeLessThan(40 + 10 + 50);
  });

  it('fires each of many limits once, in any order they were set', async () => {
    const fired = new Map<number, number>();
    for (let index = 0; index < 200; index++) {
      expireAfter(20 + (index % 7) * 5, () => fired.set(index, (fired.get(index) ?? 0) + 1));
    }
    await sleep(150);
    expect(fired.size).toBe(200);
    expect([...fired.values()].every((count) => count === 1)).toBe(true);
  });

  it('keeps the others when the first, a middle or the last pending limit is cancelled, twice or after firing', async () => {
    const fired: number[] = [];
    const cancels = [0, 1, 2, 3, 4].map((index) => expireAfter(20, () => fired.push(index)));
    for (const index of [0, 2, 4]) {
      cancels[index]!();
      cancels[index]!();
    }
    await sleep(80);
    expect(fired).toEqual([1, 3]);
    cancels[1]!();
    await sleep(40);
    expect(fired).toEqual([1, 3]);
  });

  it('never fires a limit that an expiring one cancelled in the same check, and fires one it set later', async () => {
    const fired: string[] = [];
    let cancelSecond = () => {};
    expireAfter(20, () => {
      fired.push('first');
      cancelSecond();
      expireAfter(20, () => fired.push('set by first'));
    });
    cancelSecond = expireAfter(20, () => fired.push('second'));
    expireAfter(20, () => fired.push('third'));
    await sleep(150);
    expect(fired).toEqual(['first', 'third', 'set by first']);
  });
});
