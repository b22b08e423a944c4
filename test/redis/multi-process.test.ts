// Two receiver processes behind an imaginary load balancer, sharing one Redis: duplicates
// and retries land on either, and each delivery's handler still starts once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countBy,
  type Delivery,
  deliverUntilAccepted,
  type Outcome,
  post,
  runPool,
  SECRET,
  shuffle,
  signDelivery,
} from './deliveries.js';
import { type ReceiverProcess, startReceiverProcess } from './receiver-process.js';
import { type Client, connectRedis, deleteKeys, REDIS_URL, waitFor } from './redis-support.js';

const PREFIX = `hookgate-mp:${process.pid}-${Date.now().toString(36)}:`;
const DELIVERIES = 200;
const COPIES_PER_PROCESS = 2;
const CONCURRENCY = 64;

let redis: Client;
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  if (!redis) return;
  await deleteKeys(redis, PREFIX);
  redis.destroy();
});

/** Sends every delivery `COPIES_PER_PROCESS` times to each process, shuffled, concurrently. */
async function sendToBoth(processes: ReceiverProcess[], deliveries: Delivery[]): Promise<Outcome[]> {
  const sends = shuffle(
    deliveries.flatMap((delivery) =>
      processes.flatMap((receiver) =>
        Array.from({ length: COPIES_PER_PROCESS }, () => ({ receiver, delivery })),
      ),
    ),
  );
  const outcomes = await runPool(
    sends.map(
      ({ receiver, delivery }) =>
        () =>
          deliverUntilAccepted(receiver.url, delivery),
    ),
    CONCURRENCY,
  );
  await Promise.all(processes.map((receiver) => receiver.sync()));
  return outcomes;
}

/** Outcomes that ran the handler (not acknowledged as duplicates), per delivery id. */
function handledPerId(outcomes: Outcome[]): Map<string, number> {
  return countBy(
    outcomes.filter((outcome) => outcome.body.duplicate !== true),
    (outcome) => outcome.id,
  );
}

describe('two receiver processes sharing Redis', () => {
  let a: ReceiverProcess;
  let b: ReceiverProcess;
  const config = {
    redisUrl: REDIS_URL,
    prefix: PREFIX,
    secret: SECRET,
    leaseMs: 10_000,
    handlerTimeoutMs: 5_000,
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([startReceiverProcess(config), startReceiverProcess(config)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it(`runs each of ${DELIVERIES} deliveries once in total, each sent ${COPIES_PER_PROCESS}× to both`, async () => {
    const deliveries = await Promise.all(
      Array.from({ length: DELIVERIES }, (_, n) => signDelivery(`msg_dup_${n}`, { n })),
    );
    const outcomes = await sendToBoth([a, b], deliveries);

    expect(outcomes.filter((outcome) => outcome.status !== 200)).toEqual([]);
    const runs = [...a.runs, ...b.runs].filter((run) => run.id.startsWith('msg_dup_'));
    const runsPerId = countBy(runs, (run) => run.id);
    expect(runsPerId.size).toBe(DELIVERIES);
    expect(
      [...runsPerId].filter(([, count]) => count !== 1),
      'ids run more than once',
    ).toEqual([]);
    expect([...handledPerId(outcomes).values()]).toEqual(Array(DELIVERIES).fill(1));
    // Both processes did real work, so the de-duplication did cross processes.
    expect(a.runs.length).toBeGreaterThan(0);
    expect(b.runs.length).toBeGreaterThan(0);
  });

  it('runs a handler that failed on its first attempt exactly once more', async () => {
    const failing = (n: number) => n % 5 === 0;
    const deliveries = await Promise.all(
      Array.from({ length: DELIVERIES }, (_, n) =>
        signDelivery(`msg_fail_${n}`, { n, failFirst: failing(n) }),
      ),
    );
    const outcomes = await sendToBoth([a, b], deliveries);

    expect(outcomes.filter((outcome) => outcome.status !== 200)).toEqual([]);
    const runs = [...a.runs, ...b.runs].filter((run) => run.id.startsWith('msg_fail_'));
    for (let n = 0; n < DELIVERIES; n++) {
      const attempts = runs
        .filter((run) => run.id === `msg_fail_${n}`)
        .map((run) => run.attempt)
        .sort();
      expect(attempts, `msg_fail_${n}`).toEqual(failing(n) ? [1, 2] : [1]);
    }
    // The failure was answered 500 (so the sender retried), and one retry then succeeded.
    const failedOnce = outcomes
      .filter((outcome) => outcome.statuses.includes(500))
      .map((outcome) => outcome.id);
    expect(new Set(failedOnce).size).toBe(DELIVERIES / 5);
    expect([...handledPerId(outcomes).values()]).toEqual(Array(DELIVERIES).fill(1));
  });
});

describe('a receiver process killed mid-handler', () => {
  const LEASE_MS = 1_500;

  it('leaves the delivery to the other process once the lease expires, and only then', async () => {
    const config = {
      redisUrl: REDIS_URL,
      prefix: PREFIX,
      secret: SECRET,
      leaseMs: LEASE_MS,
      handlerTimeoutMs: 1_000,
    };
    const [a, b] = await Promise.all([startReceiverProcess(config), startReceiverProcess(config)]);
    try {
      const delivery = await signDelivery('msg_killed', { blockFirst: true });
      const sentAt = Date.now();
      // The first attempt hangs in A's handler; its connection dies with A.
      const lost = post(a.url, delivery).catch((error: unknown) => error);
      await waitFor(() => a.runs.length === 1, 5_000, 'the handler to start in process A');
      await a.kill('SIGKILL');
      expect(await lost).toBeInstanceOf(Error);

      // The dead process's claim still holds: B must not run it yet.
      expect((await post(b.url, delivery)).status).toBe(409);
      const outcome = await deliverUntilAccepted(b.url, delivery, { retryDelayMs: 50 });
      const waited = Date.now() - sentAt;
      expect(outcome.body).toEqual({ ok: true });
      expect(waited).toBeGreaterThanOrEqual(LEASE_MS - 100);
      expect(waited).toBeLessThan(LEASE_MS + 2_000);

      await b.sync();
      expect(a.runs).toEqual([{ id: 'msg_killed', attempt: 1, pid: a.pid }]);
      expect(b.runs).toEqual([{ id: 'msg_killed', attempt: 2, pid: b.pid }]);
      expect((await post(b.url, delivery)).body).toEqual({ ok: true, duplicate: true });
    } finally {
      await Promise.all([a.kill(), b.kill()]);
    }
  });
});
