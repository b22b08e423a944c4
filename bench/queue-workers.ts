/**
 * Figure: jobs per second that BullMQ workers (`startWorker`) get through, with 1 and with 2
 * worker processes (concurrency 16 each, a no-op handler, the Redis store: one claim and one
 * completion per job besides BullMQ's own scripts). Each round fills the queue with
 * `BENCH_QUEUE_JOBS` deliveries through a queue-mode receiver, then starts the workers and
 * times until the last job completed. Medians over rounds; the ratio is 2 workers to 1.
 *
 * No target: on a 2-core machine the two workers, redis-server (one thread) and this process
 * share two CPUs, so the ratio says how much a second worker process can still add there. The
 * report says what bounds it, from the machine's CPU use and redis-server's during the drains.
 * Needs redis-server (its own, started without persistence: bench/lib/queue.ts; BENCH_QUEUE_REDIS_URL).
 * Knobs: BENCH_QUEUE_JOBS (10000), BENCH_QUEUE_ROUNDS (3).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { startWorker } from '@hookgate/bullmq';
import { Queue } from 'bullmq';
import { type CpuUse, cpuBetween, sampleCpu, whatBounds } from './lib/cpu-use.js';
import { stripeDeliveries } from './lib/deliveries.js';
import { median } from './lib/measure.js';
import {
  connect,
  countingDispatch,
  ensureRedis,
  queueBenchReceiver,
  queueName,
  releaseRedis,
} from './lib/queue.js';
import { envNumber, note, printVerdicts } from './lib/report.js';

const WORKER_ENV = 'BENCH_QUEUE_WORKER';
const jobs = envNumber('BENCH_QUEUE_JOBS', 10_000);
const rounds = envNumber('BENCH_QUEUE_ROUNDS', 3);
// One source for the whole run: each delivery is new (a second factory would repeat the ids).
const factory = stripeDeliveries({ size: 2048 });

if (process.env[WORKER_ENV] !== undefined) {
  const receiver = queueBenchReceiver({ handlerMs: 0 });
  const worker = startWorker(receiver, {
    connection: connect(true),
    queueName: queueName(),
    prefix: 'hookgate-bench',
    concurrency: 16,
  });
  await worker.waitUntilReady();
  process.send?.('ready');
  process.on('disconnect', () => void worker.close().then(() => process.exit(0)));
} else if (ensureRedis()) {
  queueName();
  const connection = connect();
  const queue = new Queue(queueName(), { connection, prefix: 'hookgate-bench' });
  const info = connect();
  try {
    const runs = new Map<number, { rate: number; cpu: CpuUse }[]>([
      [1, []],
      [2, []],
    ]);
    for (let round = 0; round < rounds; round++) {
      for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
        await fill(jobs);
        runs.get(workers)!.push(await drain(queue, info, workers, jobs));
      }
    }
    const medians = (workers: number) => {
      const of = runs.get(workers)!;
      const busy = of.map((run) => run.cpu.machineBusy).filter((value) => value !== undefined);
      return {
        rate: median(of.map((run) => run.rate)),
        cpu: {
          redisCores: median(of.map((run) => run.cpu.redisCores)),
          machineBusy: busy.length > 0 ? median(busy) : undefined,
        },
      };
    };
    const one = medians(1);
    const two = medians(2);
    console.log(`\nBullMQ workers, ${jobs} jobs per round, ${rounds} rounds, concurrency 16 per process`);
    console.table(
      [one, two].map((run, index) => ({
        workers: index + 1,
        'median jobs/s': Math.round(run.rate),
        'redis-server, % of one core': Math.round(run.cpu.redisCores * 100),
        'machine CPUs busy %':
          run.cpu.machineBusy === undefined ? '?' : Math.round(run.cpu.machineBusy * 100),
      })),
    );
    note(
      '2 worker processes to 1',
      `${(two.rate / one.rate).toFixed(2)}x (${Math.round(two.rate)} vs ${Math.round(one.rate)} jobs/s)`,
    );
    note('what bounds 2 worker processes here', whatBounds(two.cpu));
    printVerdicts();
  } finally {
    info.disconnect();
    await queue.close();
    connection.disconnect();
    await releaseRedis();
  }
}

/** Queues `count` new deliveries through a queue-mode receiver (as the web process would). */
async function fill(count: number): Promise<void> {
  const dispatch = countingDispatch();
  // Closed at the end, or its open connection would keep this process alive after the figure.
  const storeClient = connect();
  const receiver = queueBenchReceiver({ dispatch, handlerMs: 0, storeClient });
  let next = 0;
  const sender = async () => {
    while (next++ < count) {
      const result = await receiver.handle({ method: 'POST', ...factory.next() });
      if (result.status !== 200) throw new Error(`queued with ${result.status}: ${result.body}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, sender));
  await dispatch.close();
  // Queue mode does not wait for the completions it hands the store, which sends them at the
  // end of the turn: let that turn pass, then `quit` (which lets their replies arrive first).
  await new Promise(setImmediate);
  await storeClient.quit();
}

/**
 * Starts `workers` worker processes, and resolves with the jobs per second until the queue is
 * done and where the CPU went meanwhile.
 */
async function drain(
  queue: Queue,
  info: ReturnType<typeof connect>,
  workers: number,
  count: number,
): Promise<{ rate: number; cpu: CpuUse }> {
  const before = await queue.getCompletedCount();
  const children = await Promise.all(Array.from({ length: workers }, start));
  const started = performance.now();
  const first = await sampleCpu(info);
  try {
    for (;;) {
      const completed = (await queue.getCompletedCount()) - before;
      const failed = await queue.getFailedCount();
      if (failed > 0) throw new Error(`${failed} jobs failed`);
      if (completed >= count) {
        const rate = (completed / (performance.now() - started)) * 1000;
        return { rate, cpu: cpuBetween(first, await sampleCpu(info)) };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    for (const child of children) child.kill();
  }
}

function start(): Promise<ChildProcess> {
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    env: { ...process.env, [WORKER_ENV]: '1' },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
    child.once('message', () => resolve(child));
  });
}
