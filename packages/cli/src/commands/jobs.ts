import { parseArgs } from 'node:util';
import { asUsage } from '../args.js';
import { integerFlag } from '../integer-flag.js';
import { type CliIo, EXIT, UsageError, withoutPassword } from '../io.js';
import { formatDeadLetters } from './jobs-table.js';

/** `hookgate jobs --help`. */
export const jobsHelp = `hookgate jobs: list and replay the dead letters of a queue-mode receiver (@hookgate/bullmq).

Usage:
  hookgate jobs failed --redis URL --queue NAME [--prefix P] [--limit N] [--json]
  hookgate jobs replay --redis URL --queue NAME [--prefix P] (--id ID… | --all)

  failed    the deliveries whose job spent all its attempts: id, event, attempts, when, error
            (--json: every field, the delivery's payload and the error stacks too)
  replay    puts them back in the queue with a fresh set of attempts; each runs its
            handlers once (one that succeeded meanwhile is skipped by the idempotency store)

Options:
  --redis URL      the Redis that holds the queue, for example redis://127.0.0.1:6379
  --queue NAME     the queue's name (queueDispatch's queueName)
  --prefix P       BullMQ's key prefix, if the app sets one (for example {hookgate}); default bull
  --limit N        failed: list at most N (newest first), 1 to 1000000; default 1000
  --id ID          replay: a job id from \`jobs failed\` (repeatable)
  --all            replay: every job in the failed set

Needs @hookgate/bullmq, bullmq and ioredis installed next to the CLI.
Exit codes: 0 done, 1 replay: some ids were not in the failed set, 2 usage error, 3 Redis unreachable.
`;

/** The most dead letters `jobs failed` lists at once. */
const MAX_LIMIT = 1_000_000;

const options = {
  redis: { type: 'string' },
  queue: { type: 'string' },
  prefix: { type: 'string' },
  limit: { type: 'string' },
  id: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `hookgate jobs failed|replay`: the dead-letter set of a queue, as @hookgate/bullmq keeps it. */
export async function jobsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = asUsage('jobs', () => parseArgs({ args: rest, options, strict: true }));
  if (values.help || action === undefined || action === '--help' || action === '-h') {
    io.stdout(jobsHelp);
    return EXIT.ok;
  }
  if (action !== 'failed' && action !== 'replay') {
    throw new UsageError(`unknown action ${action}; use failed or replay`, 'jobs');
  }
  if (!values.redis) throw new UsageError('--redis is required (for example redis://127.0.0.1:6379)', 'jobs');
  if (!values.queue)
    throw new UsageError('--queue is required (the queueName the receiver dispatches to)', 'jobs');
  if (action === 'replay' && !values.all === !values.id) {
    throw new UsageError('replay needs either --id ID (repeatable) or --all', 'jobs');
  }
  const limit =
    integerFlag('jobs', '--limit', values.limit, { min: 1, max: MAX_LIMIT, unit: 'jobs' }) ?? 1_000;

  const { bullmq, Queue, Redis } = await loadQueueModules();
  const connection = new Redis(values.redis, {
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    // The connect timeout ends at the TCP handshake: a server that accepts and never answers
    // must not hold the command either.
    commandTimeout: 10_000,
    lazyConnect: true,
  });
  connection.on('error', () => {});
  try {
    await connection.connect();
  } catch (error) {
    io.stderr(
      `hookgate jobs: cannot reach Redis at ${withoutPassword(values.redis)}: ${(error as Error).message}\n`,
    );
    connection.disconnect();
    return EXIT.unreachable;
  }
  const queue = new Queue(values.queue, { connection, prefix: values.prefix });
  try {
    if (action === 'failed') {
      const letters = await bullmq.listDeadLetters(queue, limit);
      // The same connection and queue, the password masked: the user types it again.
      const replay = `hookgate jobs replay --redis ${withoutPassword(values.redis)} --queue ${values.queue}${values.prefix ? ` --prefix ${values.prefix}` : ''}`;
      io.stdout(
        values.json ? `${JSON.stringify(letters, null, 2)}\n` : formatDeadLetters(letters, io.now(), replay),
      );
      return EXIT.ok;
    }
    const result = await bullmq.replayDeadLetters(queue, values.all ? 'all' : (values.id ?? []));
    if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
    else {
      io.stdout(
        `replayed ${result.replayed.length} job(s)${result.replayed.length ? `: ${result.replayed.join(', ')}` : ''}\n`,
      );
      if (result.missing.length) io.stderr(`not in the failed set: ${result.missing.join(', ')}\n`);
    }
    return result.missing.length ? EXIT.failed : EXIT.ok;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** The optional packages, loaded only by this command, with a message that says what to install. */
async function loadQueueModules() {
  try {
    const [bullmq, { Queue }, { Redis }] = await Promise.all([
      import('@hookgate/bullmq'),
      import('bullmq'),
      import('ioredis'),
    ]);
    return { bullmq, Queue, Redis };
  } catch (error) {
    throw new UsageError(
      `hookgate jobs needs @hookgate/bullmq, bullmq and ioredis: npm install @hookgate/bullmq bullmq ioredis (${(error as Error).message})`,
      'jobs',
    );
  }
}
