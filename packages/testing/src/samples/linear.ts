import { createIdSource, isoTime, type Sample, type SampleOptions, sampleTime } from './sample.js';

// A Linear data-change webhook (linear.app/developers/webhooks): `action`, `type`, `data`,
// and `webhookTimestamp` in milliseconds, which is what Linear's freshness check reads (60 s
// window), so a sample made with an old `timestamp` is stale on purpose. `Linear-Delivery`
// is added when signing with the sample's `id`.

/** Linear `Issue` `create`, routed as `Issue.create`. The id is the `Linear-Delivery` UUID. */
export function issueCreate(options: SampleOptions = {}): Sample {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const at = isoTime(time, 3);
  const number = 1 + (Number(ids.digits('number', 4)) % 999);
  const team = { id: ids.uuid('team'), key: 'ENG', name: 'Engineering' };
  const payload = {
    action: 'create',
    actor: { id: ids.uuid('actor'), name: 'Jenny Rosen', email: 'jenny@example.com', type: 'user' },
    createdAt: at,
    data: {
      id: ids.uuid('issue'),
      createdAt: at,
      updatedAt: at,
      number,
      title: 'Retry webhook deliveries that time out',
      description: 'Deliveries over 5 s are cut off by the load balancer.',
      priority: 2,
      priorityLabel: 'High',
      estimate: null,
      sortOrder: -1024.5,
      boardOrder: 0,
      identifier: `${team.key}-${number}`,
      url: `https://linear.app/example/issue/${team.key}-${number}/retry-webhook-deliveries-that-time-out`,
      teamId: team.id,
      team,
      stateId: ids.uuid('state'),
      state: { id: ids.uuid('state'), color: '#e2e2e2', name: 'Todo', type: 'unstarted' },
      creatorId: ids.uuid('actor'),
      assigneeId: null,
      labelIds: [],
      labels: [],
      subscriberIds: [ids.uuid('actor')],
      previousIdentifiers: [],
    },
    url: `https://linear.app/example/issue/${team.key}-${number}/retry-webhook-deliveries-that-time-out`,
    type: 'Issue',
    organizationId: ids.uuid('organization'),
    webhookTimestamp: time * 1000,
    webhookId: ids.uuid('webhook'),
  };
  return {
    provider: 'linear',
    event: 'Issue.create',
    id,
    body: JSON.stringify(payload),
    contentType: 'application/json; charset=utf-8',
    headers: { 'Linear-Event': 'Issue', 'User-Agent': 'Linear-Webhook' },
    timestamp: time,
  };
}

/** Linear samples, by `type.action` as a receiver routes them. */
export const linearSamples = {
  'Issue.create': issueCreate,
};
