// The sender's side of the Redis tests: Standard Webhooks deliveries, posted and retried the
// way a provider retries them (same id and body, again after a 409, 500 or 503).
import { standardWebhooks } from '@hookgate/signatures';
import { sleep } from './redis-support.js';

export const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const scheme = standardWebhooks({ secret: SECRET });

export interface Delivery {
  id: string;
  body: string;
  headers: Record<string, string>;
}

/** A signed delivery of a `test.event` payload with id `id`. */
export async function signDelivery(id: string, fields: Record<string, unknown> = {}): Promise<Delivery> {
  const body = JSON.stringify({ type: 'test.event', n: 0, ...fields });
  const signature = await scheme.sign({ body, id, timestamp: Math.floor(Date.now() / 1000) });
  return { id, body, headers: { 'content-type': 'application/json', ...signature } };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** Posts a delivery once. */
export async function post(url: string, delivery: Delivery): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export interface Outcome extends Reply {
  id: string;
  /** Every status received, in order, the last one 200. */
  statuses: number[];
}

/** Posts until the receiver answers 200, waiting `retryDelayMs` (with jitter) between tries. */
export async function deliverUntilAccepted(
  url: string,
  delivery: Delivery,
  { retryDelayMs = 20, deadlineMs = 20_000 } = {},
): Promise<Outcome> {
  const statuses: number[] = [];
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await post(url, delivery);
    statuses.push(response.status);
    if (response.status === 200) return { ...response, id: delivery.id, statuses };
    if (![409, 500, 503].includes(response.status) || Date.now() > deadline) {
      throw new Error(`delivery ${delivery.id} got ${statuses.join(', ')}: ${JSON.stringify(response.body)}`);
    }
    await sleep(retryDelayMs * (0.5 + Math.random()));
  }
}

/** Runs the tasks with at most `concurrency` at a time; results in task order. */
export async function runPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** A shuffled copy (Fisher–Yates), so duplicates of one delivery arrive interleaved. */
export function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** How many times each value occurs. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
