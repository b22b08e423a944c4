import type { DeadLetter } from '@hookgate/bullmq';
import { describe, expect, it } from 'vitest';
import { runCaptured } from '../test-support/run-captured.js';
import { formatDeadLetters } from './jobs-table.js';

const run = (argv: string[]) => runCaptured(argv);

describe('hookgate jobs', () => {
  it('prints its help, and refuses incomplete command lines with exit code 2', async () => {
    expect((await run(['jobs', '--help'])).stdout).toContain('hookgate jobs failed');
    expect((await run(['help', 'jobs'])).stdout).toContain('hookgate jobs replay');
    expect(await run(['jobs', 'list', '--redis', 'redis://x', '--queue', 'q'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown action list'),
    });
    expect((await run(['jobs', 'failed', '--queue', 'q'])).stderr).toContain('--redis is required');
    expect((await run(['jobs', 'failed', '--redis', 'redis://x'])).stderr).toContain('--queue is required');
    const both = await run(['jobs', 'replay', '--redis', 'redis://x', '--queue', 'q', '--all', '--id', 'a']);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('either --id ID') });
    expect((await run(['jobs', 'failed', '--redis', 'redis://x', '--queue', 'q', '--limit', '0'])).code).toBe(
      2,
    );
  });

  it('exits 3 when Redis cannot be reached, with the password of its URL masked', async () => {
    const result = await run(['jobs', 'failed', '--redis', 'redis://127.0.0.1:1', '--queue', 'q']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    const secret = await run([
      'jobs',
      'failed',
      '--redis',
      'redis://:hunter2-secret@127.0.0.1:1',
      '--queue',
      'q',
    ]);
    expect(secret.code).toBe(3);
    expect(secret.stderr).toContain('cannot reach Redis at redis://:***@127.0.0.1:1');
    expect(secret.stderr).not.toContain('hunter2');
  });

  it('formats dead letters as a table, one line each, the error on one line', () => {
    const letter = {
      id: 'stripe%3Aevt_1',
      eventType: 'invoice.paid',
      attemptsMade: 12,
      failedAt: 1_000_000 - 3_600_000 * 3,
      failedReason: 'HANDLER_FAILED: ERP\nunreachable',
    } as DeadLetter;
    const table = formatDeadLetters(
      [letter],
      1_000_000,
      'hookgate jobs replay --redis redis://h:6379 --queue q',
    );
    expect(table.split('\n')[1]).toMatch(
      /^stripe%3Aevt_1\s+invoice\.paid\s+12\s+3h ago\s+HANDLER_FAILED: ERP unreachable$/,
    );
    expect(table).toContain(
      '1 failed job(s); replay with hookgate jobs replay --redis redis://h:6379 --queue q --id ID',
    );
    expect(formatDeadLetters([], 0, '')).toBe('no failed jobs\n');
  });
});
