// Starts fixtures/queue-app.ts (a web or worker process) and collects what it reports.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig, AppMessage } from './fixtures/queue-app.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/queue-app.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A handler run as one process reported it. */
export interface HandlerRun {
  id: string;
  pid: number;
  attempt: number;
}

export interface AppProcess {
  readonly pid: number;
  /** The web process's URL (web role only). */
  readonly url: string;
  /** Handler starts and completions reported so far. */
  readonly starts: HandlerRun[];
  readonly done: HandlerRun[];
  /** Resolves once every report sent before now has arrived (IPC keeps order). */
  sync(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startApp(config: AppConfig): Promise<AppProcess> {
  const child: ChildProcess = fork(SCRIPT, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, APP_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const starts: HandlerRun[] = [];
  const done: HandlerRun[] = [];
  const synced: (() => void)[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${config.role} process did not start within 30 s`)),
      30_000,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${config.role} process exited (${code ?? signal}) before it was ready`));
    });
    child.on('message', (message: AppMessage) => {
      if (message.type === 'start' || message.type === 'done') {
        (message.type === 'start' ? starts : done).push({
          id: message.id,
          pid: message.pid,
          attempt: message.attempt,
        });
      } else if (message.type === 'synced') synced.shift()?.();
      else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({
          pid: child.pid ?? 0,
          url: message.port ? `http://127.0.0.1:${message.port}/` : '',
          starts,
          done,
          sync: () =>
            new Promise<void>((ok) => {
              if (!child.connected) return ok();
              synced.push(ok);
              child.send({ type: 'sync' });
            }),
          async kill(signal = 'SIGTERM') {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((ok) => child.once('exit', ok));
            child.kill(signal);
            await exited;
          },
        });
      }
    });
  });
}

/** Every completion reported by `processes`, counted per delivery id. */
export async function completions(processes: readonly AppProcess[]): Promise<Map<string, number>> {
  await Promise.all(processes.map((app) => app.sync()));
  const counts = new Map<string, number>();
  for (const run of processes.flatMap((app) => app.done)) counts.set(run.id, (counts.get(run.id) ?? 0) + 1);
  return counts;
}
