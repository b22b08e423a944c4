import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { listen } from '../adapters/listen.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const nextBin = `${root}node_modules/next/dist/bin/next`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** The newest modification time under `dir` (skipping build output). */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['.next', 'node_modules', 'dist', 'next-env.d.ts'].includes(entry.name)) continue;
    const path = `${dir}/${entry.name}`;
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/**
 * Builds a Next.js app with `next build`, unless a build newer than the app and the sources it
 * compiles (`sourceDirs`, relative to the repository root) exists.
 */
export function buildNextApp(appDir: string, sourceDirs: readonly string[]): void {
  const buildId = `${appDir}/.next/BUILD_ID`;
  const inputs = [appDir, ...sourceDirs.map((dir) => `${root}${dir}`)];
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...inputs.map(newest))) return;
  execFileSync(process.execPath, [nextBin, 'build', appDir], { env, stdio: 'pipe' });
}

/** A running `next start`. */
export interface NextServer {
  origin: string;
  process: ChildProcess;
  stop(): void;
}

/** Serves a built app with `next start` on 127.0.0.1 and a free port; resolves once it answers `probePath`. */
export async function startNextApp(
  appDir: string,
  probePath: string,
  extraEnv: Record<string, string> = {},
): Promise<NextServer> {
  const probe = await listen(createServer());
  const port = new URL(probe.origin).port;
  await probe.close();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin, 'start', appDir, '-H', '127.0.0.1', '-p', port], {
    env: { ...env, ...extraEnv },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      await fetch(`${origin}${probePath}`);
      return { origin, process: child, stop: () => void child.kill() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error('next start did not answer within 20 s');
}
