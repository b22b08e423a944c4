import type { CliIo } from '../io.js';
import { runCli } from '../run-cli.js';

/** What one in-process run of the CLI printed, and its exit code. */
export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in process with its output captured; `io` replaces any of the rest (the clock,
 * file reads) for the run.
 *
 * @example
 * ```ts
 * const { code, stdout } = await runCaptured(['providers', '--json'], { now: () => 0 });
 * ```
 */
export async function runCaptured(argv: readonly string[], io: Partial<CliIo> = {}): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...io,
  });
  return { code, stdout, stderr };
}
