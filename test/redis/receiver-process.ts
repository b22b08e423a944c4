// Starts fixtures/receiver-server.ts in its own Node process and collects what it reports.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FixtureConfig, FixtureMessage } from './fixtures/receiver-server.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/receiver-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A handler start, as one process reported it. */
export interface Run {
  id: string;
  attempt: number;
  pid: number;
}

export interface ReceiverProcess {
  readonly pid: number;
  readonly url: string;
  /** Every handler start this process reported so far. */
  readonly runs: Run[];
  /** Resolves once every run reported before now has arrived. */
  sync(): Promise<void>;
  /** Kills it with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startReceiverProcess(config: FixtureConfig): Promise<ReceiverProcess> {
  // `--import tsx` from the repository root, so tsconfig paths map @hookgate/* to the sources.
  const child: ChildProcess = fork(SCRIPT, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FIXTURE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const runs: Run[] = [];
  const synced: (() => void)[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the receiver process did not start within 20 s')),
      20_000,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the receiver process exited (${code ?? signal}) before listening`));
    });
    child.on('message', (message: FixtureMessage) => {
      if (message.type === 'run') runs.push({ id: message.id, attempt: message.attempt, pid: message.pid });
      else if (message.type === 'synced') synced.shift()?.();
      else if (message.type === 'failed')
        reject(new Error(`${message.message}; run scripts/redis-server.sh`));
      else if (message.type === 'listening') {
        clearTimeout(timer);
        resolve({
          pid: child.pid ?? 0,
          url: `http://127.0.0.1:${message.port}/`,
          runs,
          sync: () =>
            new Promise<void>((done) => {
              synced.push(done);
              child.send({ type: 'sync' });
            }),
          async kill(signal = 'SIGTERM') {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((done) => child.once('exit', done));
            child.kill(signal);
            await exited;
          },
        });
      }
    });
  });
}
