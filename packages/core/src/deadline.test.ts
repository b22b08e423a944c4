import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline.js';

const timedOut = () => new Error('too slow');
const failed = (cause: unknown) => new Error('failed', { cause });

afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('resolves with the value in time and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withDeadline(Promise.resolve(7), 100, timedOut, failed)).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('maps a rejection with `failed`, keeping the cause, and clears the timer', async () => {
    vi.useFakeTimers();
    const cause = new Error('connection reset');
    await expect(withDeadline(Promise.reject(cause), 100, timedOut, failed)).rejects.toMatchObject({
      message: 'failed',
      cause,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with `timedOut` at the deadline, and a later answer changes nothing', async () => {
    vi.useFakeTimers();
    let answer: (value: number) => void = () => {};
    const bounded = withDeadline(new Promise<number>((resolve) => (answer = resolve)), 100, timedOut, failed);
    const outcome = bounded.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(99);
    answer(1);
    await expect(outcome).resolves.toBe('resolved');

    const late = withDeadline(new Promise<number>((resolve) => (answer = resolve)), 100, timedOut, failed);
    const lateOutcome = late.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(100);
    answer(2);
    await expect(lateOutcome).resolves.toBe('too slow');
  });
});
