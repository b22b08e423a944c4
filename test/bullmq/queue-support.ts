// What the queue-mode tests share: a private Redis, app processes on it, and the sender.

import { SECRET } from '../redis/deliveries.js';
import { type AppProcess, completions, startApp } from './app-process.js';
import type { AppConfig } from './fixtures/queue-app.js';

/** The config of one test's apps: its own queue and key prefix on `redisUrl`. */
export function appConfig(
  name: string,
  redisUrl: string,
  overrides: Partial<AppConfig> = {},
): Omit<AppConfig, 'role'> {
  const unique = `${name}-${process.pid}-${Date.now().toString(36)}`;
  return {
    redisUrl,
    queueName: `q-${unique}`,
    storePrefix: `hg-${unique}:`,
    secret: SECRET,
    attempts: 5,
    backoffMs: 100,
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    timeoutMs: 3_000,
    leaseMs: 4_000,
    ...overrides,
  };
}

/** Starts `web` web processes and `workers` worker processes of one config. */
export async function startApps(config: Omit<AppConfig, 'role'>, web: number, workers: number) {
  const webs = await Promise.all(Array.from({ length: web }, () => startApp({ ...config, role: 'web' })));
  const workerApps = await Promise.all(
    Array.from({ length: workers }, () => startApp({ ...config, role: 'worker' })),
  );
  return { webs, workers: workerApps, all: [...webs, ...workerApps] };
}

/** Waits until each id completed at least once, then gives the completion counts. */
export async function waitForCompletions(
  processes: readonly AppProcess[],
  ids: readonly string[],
  timeoutMs: number,
): Promise<Map<string, number>> {
  let counts = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    counts = await completions(processes);
    if (ids.every((id) => counts.has(id)) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return counts;
}

/** Stops every process (already-killed ones are skipped). */
export async function stopAll(processes: readonly AppProcess[]): Promise<void> {
  await Promise.all(processes.map((app) => app.kill('SIGTERM')));
}
