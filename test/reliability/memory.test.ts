// Memory stays flat under a long run of deliveries: the in-memory store at its `max` evicts
// as fast as it stores, and nothing else in the pipeline keeps anything per delivery. Run in
// a child process started with --expose-gc, so that each reading follows full collections.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const probe = fileURLToPath(new URL('./scripts/memory-probe.ts', import.meta.url));
const MiB = 1024 * 1024;

describe('memory under 200,000 deliveries with the in-memory store at max 10,000', () => {
  it('the heap after 200k deliveries is within 3 MiB of the heap after 50k', {
    timeout: 120_000,
  }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', probe, '200000', '10000', '50000'],
      { cwd: root, maxBuffer: MiB },
    );
    const { handled, heap } = JSON.parse(stdout) as { handled: number; heap: Record<string, number> };
    console.info(
      `heap after n deliveries (MiB): ${JSON.stringify(Object.fromEntries(Object.entries(heap).map(([n, bytes]) => [n, (bytes / MiB).toFixed(2)])))}`,
    );
    expect(handled).toBe(200_000);
    expect(heap['200000']! - heap['50000']!).toBeLessThan(3 * MiB);
  });
});
