// A loopback load test of the example apps with autocannon: genuine deliveries of three
// providers signed in advance, 5% duplicates of deliveries already answered, 1% forgeries.
// Every answer is checked against what its request was, and the example ledger must hold
// each genuine delivery exactly once. Used by load.test.ts (short) and scripts/load-test.ts (long).

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { github, type Scheme, standardWebhooks, stripe } from '@hookgate/signatures';
import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';
import { createApp as createExpressApp } from '../../examples/express/src/app.js';
import { createApp as createFastifyApp } from '../../examples/fastify/src/app.js';

/** The part of autocannon's API used here (it ships no types; loaded with require to keep them local). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface AutocannonRequestSpec<TContext> {
  setupRequest(request: AutocannonRequest, context: TContext): AutocannonRequest;
  onResponse(status: number, body: string, context: TContext): void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as <TContext>(options: {
  url: string;
  connections: number;
  amount: number;
  overallRate: number;
  timeout: number;
  requests: AutocannonRequestSpec<TContext>[];
}) => Promise<AutocannonResult>;

type Kind = 'genuine' | 'duplicate' | 'forged';
type Provider = 'stripe' | 'github' | 'standard';

interface Delivery {
  provider: Provider;
  id: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** Requests per second, over all connections. */
  rate: number;
  durationSeconds: number;
  connections?: number;
  duplicateRate?: number;
  forgeryRate?: number;
}

export interface LoadReport {
  app: string;
  sent: number;
  genuine: number;
  duplicates: number;
  forgeries: number;
  /** Answers that were not the one their request must get. */
  unexpected: string[];
  errors: number;
  timeouts: number;
  /** Genuine deliveries sent whose handler ran exactly once, not at all, more than once. */
  handledOnce: number;
  notHandled: number;
  handledTwice: number;
  /** Handler runs for deliveries that were never sent as genuine (must be 0). */
  strayRuns: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
}

const secrets = secretsFromEnv({});
const schemes: Record<Provider, Scheme> = {
  stripe: stripe({ secret: secrets.stripe }),
  github: github({ secret: secrets.github }),
  standard: standardWebhooks({ secret: secrets.standard }),
};
const forgers: Record<Provider, Scheme> = {
  stripe: stripe({ secret: 'whsec_forger' }),
  github: github({ secret: 'forger' }),
  standard: standardWebhooks({ secret: `whsec_${Buffer.from('forger-forger-forger').toString('base64')}` }),
};

/** A delivery of `provider` that the example schemas accept, signed by `scheme`. */
async function sign(provider: Provider, n: number, scheme: Scheme, tag: string): Promise<Delivery> {
  const now = Math.floor(Date.now() / 1000);
  let id: string;
  let body: string;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (provider === 'stripe') {
    id = `evt_${tag}_${n}`;
    body = JSON.stringify({
      id,
      type: 'invoice.paid',
      data: { object: { id: `in_${n}`, amount_paid: 100 + (n % 5000), currency: 'usd' } },
    });
  } else if (provider === 'github') {
    id = `gh-${tag}-${n}`;
    headers['x-github-event'] = 'issues';
    body = JSON.stringify({
      action: 'opened',
      issue: { number: n, title: `load ${n}` },
      repository: { full_name: 'hookgate/load' },
    });
  } else {
    id = `msg_${tag}_${n}`;
    body = JSON.stringify({
      type: 'user.created',
      timestamp: new Date().toISOString(),
      data: { id: `user_${n}`, email: `user${n}@example.com` },
    });
  }
  Object.assign(headers, await scheme.sign({ body, id, timestamp: now }));
  return { provider, id, path: `/webhooks/${provider}`, headers, body };
}

const PROVIDERS: Provider[] = ['stripe', 'github', 'standard'];

/** Starts an example app on 127.0.0.1; resolves with its origin, its ledger and a closer. */
export async function startExample(app: 'express' | 'fastify') {
  const ledger = new Ledger();
  const receivers = createReceivers({ secrets, ledger });
  if (app === 'express') {
    const server = createServer(createExpressApp(receivers));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      origin: `http://127.0.0.1:${port}`,
      ledger,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
  const fastify = await createFastifyApp(receivers);
  const origin = await fastify.listen({ port: 0, host: '127.0.0.1' });
  return { origin, ledger, close: () => fastify.close() };
}

/** Runs the load against one example app and checks every answer and the ledger. */
export async function runLoad(app: 'express' | 'fastify', options: LoadOptions): Promise<LoadReport> {
  const { rate, durationSeconds, connections = 10, duplicateRate = 0.05, forgeryRate = 0.01 } = options;
  const amount = Math.round(rate * durationSeconds);
  const tag = `${app}${Date.now().toString(36)}`;
  // Signed in advance, so the load generator only picks the next one.
  const genuinePool = await Promise.all(
    Array.from({ length: amount + connections }, (_, n) =>
      sign(PROVIDERS[n % 3]!, n, schemes[PROVIDERS[n % 3]!], tag),
    ),
  );
  const forgedPool = await Promise.all(
    Array.from({ length: 60 }, (_, n) =>
      sign(PROVIDERS[n % 3]!, n, forgers[PROVIDERS[n % 3]!], `${tag}forged`),
    ),
  );

  const server = await startExample(app);
  const answered: Delivery[] = [];
  const sentGenuine: Delivery[] = [];
  const counts = { genuine: 0, duplicates: 0, forgeries: 0 };
  const unexpected: string[] = [];
  let nextGenuine = 0;
  let seed = 7;
  const random = () => {
    // A small deterministic generator (mulberry32), so that a run can be repeated.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  interface Context {
    kind?: Kind;
    delivery?: Delivery;
  }
  const expected: Record<Kind, (status: number, body: string) => boolean> = {
    genuine: (status, body) => status === 200 && body === '{"ok":true}',
    duplicate: (status, body) => status === 200 && body === '{"ok":true,"duplicate":true}',
    forged: (status, body) => status === 401 && body.includes('"code":"INVALID_SIGNATURE"'),
  };

  try {
    const result = await autocannon({
      url: server.origin,
      connections,
      amount,
      overallRate: rate,
      timeout: 10,
      requests: [
        {
          setupRequest(request: AutocannonRequest, context: Context) {
            const roll = random();
            let kind: Kind = 'genuine';
            let delivery: Delivery;
            if (roll < forgeryRate) {
              kind = 'forged';
              delivery = forgedPool[Math.floor(random() * forgedPool.length)]!;
            } else if (roll < forgeryRate + duplicateRate && answered.length > 0) {
              // A copy of a delivery already answered: it must be acknowledged, not run again.
              kind = 'duplicate';
              delivery = answered[Math.floor(random() * answered.length)]!;
            } else {
              delivery = genuinePool[nextGenuine++]!;
              sentGenuine.push(delivery);
            }
            context.kind = kind;
            context.delivery = delivery;
            return {
              ...request,
              method: 'POST',
              path: delivery.path,
              headers: delivery.headers,
              body: delivery.body,
            };
          },
          onResponse(status: number, body: string, context: Context) {
            const { kind, delivery } = context;
            if (!kind || !delivery) return void unexpected.push(`a response without its request: ${status}`);
            counts[kind === 'genuine' ? 'genuine' : kind === 'duplicate' ? 'duplicates' : 'forgeries']++;
            if (!expected[kind](status, body))
              unexpected.push(`${kind} ${delivery.provider} ${delivery.id}: ${status} ${body}`);
            else if (kind === 'genuine') answered.push(delivery);
          },
        },
      ],
    });

    // The ledger: each genuine delivery sent ran its handler exactly once, nothing else ran.
    const runs = new Map<string, number>();
    for (const entry of server.ledger.entries) {
      const key = `${entry.provider === 'standard-webhooks' ? 'standard' : entry.provider}:${entry.deliveryId}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
    }
    let handledOnce = 0;
    let notHandled = 0;
    let handledTwice = 0;
    for (const delivery of sentGenuine) {
      const count = runs.get(`${delivery.provider}:${delivery.id}`) ?? 0;
      if (count === 1) handledOnce++;
      else if (count === 0) notHandled++;
      else handledTwice++;
      runs.delete(`${delivery.provider}:${delivery.id}`);
    }
    return {
      app,
      sent: result.requests.total,
      genuine: counts.genuine,
      duplicates: counts.duplicates,
      forgeries: counts.forgeries,
      unexpected,
      errors: result.errors,
      timeouts: result.timeouts,
      handledOnce,
      notHandled,
      handledTwice,
      strayRuns: [...runs.values()].reduce((sum, count) => sum + count, 0),
      requestsPerSecond: result.requests.average,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
    };
  } finally {
    await server.close();
  }
}

/** What must hold for a run to pass: the list of failures (empty when it passed). */
export function failuresOf(report: LoadReport): string[] {
  const failures: string[] = [];
  if (report.errors > 0) failures.push(`${report.errors} connection errors`);
  if (report.timeouts > 0) failures.push(`${report.timeouts} timeouts`);
  if (report.unexpected.length > 0) {
    failures.push(
      `${report.unexpected.length} unexpected answers, e.g. ${report.unexpected.slice(0, 3).join(' | ')}`,
    );
  }
  if (report.notHandled > 0) failures.push(`${report.notHandled} genuine deliveries never handled`);
  if (report.handledTwice > 0)
    failures.push(`${report.handledTwice} genuine deliveries handled more than once`);
  if (report.strayRuns > 0)
    failures.push(`${report.strayRuns} handler runs for deliveries never sent as genuine`);
  if (report.genuine + report.duplicates + report.forgeries !== report.sent) {
    failures.push(
      `${report.sent} sent but ${report.genuine + report.duplicates + report.forgeries} answered`,
    );
  }
  if (report.genuine !== report.handledOnce)
    failures.push(`${report.genuine} accepted but ${report.handledOnce} handled once`);
  return failures;
}
