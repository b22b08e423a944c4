/**
 * The README demo: starts the Express example on 127.0.0.1, sends it a scripted series of
 * correctly signed deliveries (and some that are not), prints what happened to each, and
 * exits 0 only if every outcome is the expected one.
 */
import type { AddressInfo } from 'node:net';
import { github, type Scheme, standardWebhooks, stripe } from '@hookgate/signatures';
import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';
import { createApp } from './app.js';

console.log(
  'hookgate demo: the Express example receiving signed deliveries. Its log of each refusal comes\n' +
    'first: they are expected (a duplicate in flight, a forgery, a replay, a bad payload, a failing\n' +
    'handler); the table after them says what happened to each delivery.\n',
);
const secrets = secretsFromEnv({});
const ledger = new Ledger();
const server = createApp(createReceivers({ secrets, ledger })).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const schemes = {
  stripe: stripe({ secret: secrets.stripe }),
  github: github({ secret: secrets.github }),
  standard: standardWebhooks({ secret: secrets.standard }),
};
const now = () => Math.floor(Date.now() / 1000);

interface Delivery {
  route: keyof typeof schemes;
  body: string;
  headers: Record<string, string>;
}

async function sign(
  route: keyof typeof schemes,
  payload: unknown,
  options: { id?: string; timestamp?: number; headers?: Record<string, string> } = {},
): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const scheme: Scheme = schemes[route];
  const signed = await scheme.sign({ body, id: options.id, timestamp: options.timestamp ?? now() });
  return { route, body, headers: { 'content-type': 'application/json', ...signed, ...options.headers } };
}

/** The status and what the body says: its error code, or `duplicate` for an acknowledged copy. */
async function send(delivery: Delivery): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${base}/webhooks/${delivery.route}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  const json = (await response.json()) as { code?: string; duplicate?: boolean };
  return { status: response.status, code: json.code ?? (json.duplicate ? 'duplicate' : undefined) };
}

const invoice = (id: string, amount: unknown = 4200) => ({
  id,
  type: 'invoice.paid',
  data: { object: { id: `in_${id}`, amount_paid: amount, currency: 'eur' } },
});

interface Row {
  scenario: string;
  status: string;
  code: string;
  handlerRuns: number;
  expected: string;
  ok: boolean;
}
const rows: Row[] = [];

async function step(
  scenario: string,
  deliveryId: string,
  run: () => Promise<{ status: number; code?: string }[]>,
  expected: { statuses: number[]; codes?: (string | undefined)[]; runs: number },
) {
  const results = await run();
  const statuses = results.map((r) => r.status);
  const codes = results.map((r) => r.code);
  const runs = ledger.count(deliveryId);
  const ok =
    JSON.stringify([...statuses].sort()) === JSON.stringify([...expected.statuses].sort()) &&
    (!expected.codes || JSON.stringify([...codes].sort()) === JSON.stringify([...expected.codes].sort())) &&
    runs === expected.runs;
  rows.push({
    scenario,
    status: statuses.join(' + '),
    code: codes.map((c) => c ?? '-').join(' + '),
    handlerRuns: runs,
    expected: `${expected.statuses.join(' + ')}, runs=${expected.runs}`,
    ok,
  });
}

const fresh = await sign('stripe', invoice('evt_demo_new'));
await step('new Stripe invoice.paid', 'evt_demo_new', async () => [await send(fresh)], {
  statuses: [200],
  runs: 1,
});
await step('same delivery again (sender retry)', 'evt_demo_new', async () => [await send(fresh)], {
  statuses: [200],
  codes: ['duplicate'],
  runs: 1,
});

ledger.slow('evt_demo_concurrent', 300);
const concurrent = await sign('stripe', invoice('evt_demo_concurrent'));
await step(
  'two copies at once',
  'evt_demo_concurrent',
  () => Promise.all([send(concurrent), send(concurrent)]),
  {
    statuses: [200, 409],
    codes: [undefined, 'DELIVERY_IN_FLIGHT'],
    runs: 1,
  },
);

const genuine = await sign('stripe', invoice('evt_demo_tampered'));
const tampered = { ...genuine, body: genuine.body.replace('4200', '999999') };
await step('tampered amount', 'evt_demo_tampered', async () => [await send(tampered)], {
  statuses: [401],
  codes: ['INVALID_SIGNATURE'],
  runs: 0,
});

const stale = await sign('stripe', invoice('evt_demo_stale'), { timestamp: now() - 600 });
await step('captured 10 minutes ago (replay)', 'evt_demo_stale', async () => [await send(stale)], {
  statuses: [401],
  codes: ['TIMESTAMP_OUT_OF_RANGE'],
  runs: 0,
});

const invalid = await sign('stripe', invoice('evt_demo_invalid', 'forty-two'));
await step('payload fails its schema', 'evt_demo_invalid', async () => [await send(invalid)], {
  statuses: [422],
  codes: ['SCHEMA_MISMATCH'],
  runs: 0,
});

const unknown = await sign('stripe', {
  id: 'evt_demo_unknown',
  type: 'customer.created',
  data: { object: {} },
});
await step('event type with no handler', 'evt_demo_unknown', async () => [await send(unknown)], {
  statuses: [200],
  runs: 0,
});

ledger.failOnce('evt_demo_flaky');
const flaky = await sign('stripe', invoice('evt_demo_flaky'));
await step('handler fails (database down)', 'evt_demo_flaky', async () => [await send(flaky)], {
  statuses: [500],
  codes: ['HANDLER_FAILED'],
  runs: 0,
});
await step('sender retries after the failure', 'evt_demo_flaky', async () => [await send(flaky)], {
  statuses: [200],
  runs: 1,
});

const push = await sign(
  'github',
  {
    ref: 'refs/heads/main',
    after: 'abc123',
    repository: { full_name: 'acme/shop' },
    commits: [{ id: 'abc123', message: 'fix' }],
  },
  { id: 'gh-demo-push', headers: { 'x-github-event': 'push' } },
);
await step('GitHub push', 'gh-demo-push', async () => [await send(push)], { statuses: [200], runs: 1 });

const user = await sign(
  'standard',
  {
    type: 'user.created',
    timestamp: new Date().toISOString(),
    data: { id: 'u_1', email: 'ada@example.com' },
  },
  { id: 'msg_demo_user' },
);
await step('Standard Webhooks user.created', 'msg_demo_user', async () => [await send(user)], {
  statuses: [200],
  runs: 1,
});

server.close();
console.log('');
console.table(rows.map((row) => ({ ...row, ok: row.ok ? 'yes' : 'NO' })));
const failed = rows.filter((row) => !row.ok);
console.log(
  failed.length === 0
    ? `\nall ${rows.length} outcomes as expected`
    : `\n${failed.length} of ${rows.length} outcomes NOT as expected`,
);
process.exit(failed.length === 0 ? 0 : 1);
