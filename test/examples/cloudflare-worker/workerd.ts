import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The workerd binary of the `workerd` npm package (its platform package, no install script). */
export function workerdBinary(): string {
  const require = createRequire(import.meta.url);
  return (require('workerd') as { default: string }).default;
}

/** A running `workerd serve`. */
export interface Workerd {
  /** `http://127.0.0.1:<port>` of each socket of the config, by name. */
  origins: Record<string, string>;
  /** What workerd wrote to stderr so far (its logs and uncaught errors). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts `workerd serve <config>` with every named socket on 127.0.0.1 and a free port, and
 * resolves once all of them listen (workerd reports each port on its control fd).
 */
export async function startWorkerd(
  config: string,
  sockets: readonly string[],
  env: Record<string, string> = {},
): Promise<Workerd> {
  const args = [
    'serve',
    config,
    '--control-fd=3',
    ...sockets.map((name) => `--socket-addr=${name}=127.0.0.1:0`),
  ];
  const child = spawn(workerdBinary(), args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origins: Record<string, string> = {};
  const control = createInterface({ input: child.stdio[3] as Readable });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workerd did not listen in 20 s:\n${stderr}`)), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`workerd exited with ${code}:\n${stderr}`));
      });
      control.on('line', (line) => {
        const event = JSON.parse(line) as { event: string; socket?: string; port?: number };
        if (event.event === 'listen' && event.socket)
          origins[event.socket] = `http://127.0.0.1:${event.port}`;
        if (sockets.every((name) => origins[name])) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    origins,
    logs: () => stderr,
    async stop() {
      control.close();
      child.kill();
      await exited;
    },
  };
}
