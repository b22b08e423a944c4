import { once } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * Resolves once every client is connected. A client without an offline queue fails each
 * command sent before that: a web process listening earlier would answer its first deliveries
 * 503 STORE_UNAVAILABLE, and a worker would spend an attempt of its first job. When Redis cannot
 * be reached, says so and exits 1 instead.
 */
export async function redisReady(name: string, url: string, clients: Redis[]): Promise<void> {
  try {
    await Promise.all(clients.map((client) => once(client, 'ready')));
  } catch (error) {
    console.error(
      `${name}: cannot reach Redis at ${url} (${(error as Error).message}); start it (see examples/bullmq/README.md) or set REDIS_URL`,
    );
    process.exit(1);
  }
}
