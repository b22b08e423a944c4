// A 3-node Redis Cluster on 127.0.0.1 (ephemeral ports, no replicas), made the way the Redis
// docs describe it: three `redis-server --cluster-enabled yes`, then `redis-cli --cluster create`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, sleep } from '../redis/redis-support.js';

const run = promisify(execFile);

export interface RedisCluster {
  readonly ports: number[];
  dispose(): Promise<void>;
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'hookgate-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'],
        ...['--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir],
        ...['--save', '', '--appendonly', 'no'],
      ],
      { stdio: 'ignore' },
    ),
  );
  const cluster: RedisCluster = {
    ports,
    async dispose() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const port of ports) await until(port, 'PING', (out) => out.includes('PONG'));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) await until(port, 'CLUSTER INFO', (out) => out.includes('cluster_state:ok'));
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}

/** Polls `redis-cli -p port command` until `ok(output)` (at most 15 s). */
async function until(port: number, command: string, ok: (output: string) => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const output = await run('redis-cli', ['-p', String(port), ...command.split(' ')]).then(
      (result) => result.stdout,
      () => '',
    );
    if (ok(output)) return;
    if (Date.now() > deadline) throw new Error(`redis-server ${port}: no ${command} success within 15 s`);
    await sleep(50);
  }
}
