// Runs an example's entry script as its README does (`tsx`, from the repository root so that the
// tsconfig paths map @hookgate/* to the sources), and watches what it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ExampleProcess {
  /** Everything it printed so far, standard output and error interleaved. */
  output(): string;
  /** Resolves once the output matches `pattern` (at most `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once it has exited by itself. */
  exited(): Promise<number | null>;
  /** Sends `signal` and resolves with the exit code once it has exited (at most 15 s). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** Kills whatever is left of its process group (what it started and did not stop). */
  killGroup(): void;
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing is left of the group.
  }
}

/** Starts `script` (relative to the repository root) with `env` added to this process's. */
export function startExample(script: string, env: Record<string, string>): ExampleProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that what it starts (workerd) can be killed with it.
    detached: true,
  });
  let text = '';
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => text,
    exited: () => exited,
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${text}`);
        if (Date.now() > deadline) throw new Error(`${script} never printed ${pattern}:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => killGroup(child), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    killGroup: () => killGroup(child),
  };
}
