// Redis for the store tests: the shared server that scripts/redis-server.sh starts, and
// private servers a test starts, stops and restarts itself (fault and persistence tests).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type RedisClientOptions } from 'redis';

export const REDIS_URL = process.env.HOOKGATE_REDIS_URL ?? 'redis://127.0.0.1:6390';
const HOW_TO = 'start it with `scripts/redis-server.sh` (or point HOOKGATE_REDIS_URL at a Redis)';

export type Client = ReturnType<typeof createClient>;

/** A connected client that fails fast while Redis is away, as the store's README advises. */
export async function connectRedis(url = REDIS_URL, options: RedisClientOptions = {}): Promise<Client> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: () => 50 },
    ...options,
  });
  // node-redis emits connection errors as events; unhandled, they would crash the test run.
  client.on('error', () => {});
  const connected = await Promise.race([
    client.connect().then(
      () => true,
      () => false,
    ),
    sleep(3_000).then(() => false),
  ]);
  if (!connected) {
    if (client.isOpen) client.destroy();
    throw new Error(`Redis is not reachable at ${url}: ${HOW_TO}`);
  }
  return client;
}

/** Deletes the keys under `prefix` (the tests' keys all expire anyway; this keeps Redis tidy). */
export async function deleteKeys(client: Client, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
}

/** A private redis-server: own port and data directory, so it can be stopped and restarted. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Starts it (again) on the same port and directory, and waits until it answers PING. */
  start(): Promise<void>;
  /** Sends `signal` (SIGTERM: clean shutdown, which flushes the append-only file) and waits for exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) it: connections stay open and nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops it and deletes its directory. */
  dispose(): Promise<void>;
}

/**
 * Starts a private redis-server; `appendonly` decides whether it survives a restart, `args`
 * adds settings (for example `['--appendfsync', 'always']`).
 */
export async function spawnRedisServer(options: {
  appendonly: boolean;
  args?: string[];
}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hookgate-redis-test-'));
  let child: ChildProcess | undefined;
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', ''],
    ...['--appendonly', options.appendonly ? 'yes' : 'no', '--dir', dir],
    ...(options.args ?? []),
  ];
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      const failed = new Promise<never>((_, reject) => {
        started.once('error', (error) =>
          reject(
            new Error(`cannot run redis-server (${error.message}): install it with scripts/redis-server.sh`),
          ),
        );
        started.once('exit', (code) => reject(new Error(`redis-server exited with ${code} on port ${port}`)));
      });
      failed.catch(() => {});
      await Promise.race([waitForPong(port), failed]);
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGCONT');
      running.kill(signal);
      await exited;
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** Polls with a raw PING until the server answers PONG (at most 10 s). */
async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await sleep(25);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Waits until `condition` holds, polling every 20 ms. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
