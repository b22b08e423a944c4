import { github, standardWebhooks, stripe } from '@hookgate/signatures';
import { expect } from 'vitest';
import { secretsFromEnv } from '../../examples/common/src/index.js';

const secrets = secretsFromEnv({});
const now = () => Math.floor(Date.now() / 1000);

/** One signed delivery per example route, with a unique id each run. */
export async function exampleDeliveries() {
  const run = Math.random().toString(36).slice(2);
  const json = { 'content-type': 'application/json' };
  const stripeBody = JSON.stringify({
    id: `evt_${run}`,
    type: 'invoice.paid',
    data: { object: { id: `in_${run}`, amount_paid: 4200, currency: 'eur' } },
  });
  const githubBody = JSON.stringify({
    action: 'opened',
    issue: { number: 7, title: 'Bug' },
    repository: { full_name: 'acme/shop' },
  });
  const standardBody = JSON.stringify({
    type: 'user.created',
    timestamp: new Date().toISOString(),
    data: { id: `u_${run}`, email: 'ada@example.com' },
  });
  return [
    {
      route: 'stripe',
      body: stripeBody,
      headers: {
        ...json,
        ...(await stripe({ secret: secrets.stripe }).sign({ body: stripeBody, timestamp: now() })),
      },
    },
    {
      route: 'github',
      body: githubBody,
      headers: {
        ...json,
        'x-github-event': 'issues',
        ...(await github({ secret: secrets.github }).sign({ body: githubBody, id: `gh-${run}` })),
      },
    },
    {
      route: 'standard',
      body: standardBody,
      headers: {
        ...json,
        ...(await standardWebhooks({ secret: secrets.standard }).sign({
          body: standardBody,
          id: `msg_${run}`,
        })),
      },
    },
  ];
}

/**
 * Sends every example delivery twice to `/webhooks/<route>` under `base`, plus a tampered
 * copy: the first is handled, the second acknowledged as a duplicate, the forgery refused.
 */
export async function expectExampleBehaviour(base: string): Promise<void> {
  for (const delivery of await exampleDeliveries()) {
    const send = (body: string) =>
      fetch(`${base}/webhooks/${delivery.route}`, { method: 'POST', headers: delivery.headers, body });
    const first = await send(delivery.body);
    expect([delivery.route, first.status, await first.json()]).toEqual([delivery.route, 200, { ok: true }]);
    const again = await send(delivery.body);
    expect([delivery.route, await again.json()]).toEqual([delivery.route, { ok: true, duplicate: true }]);
    const forged = await send(delivery.body.replace('"', '" '));
    expect([delivery.route, forged.status]).toEqual([delivery.route, 401]);
  }
}
