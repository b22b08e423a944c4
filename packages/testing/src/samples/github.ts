import {
  createIdSource,
  isoTime,
  JSON_CONTENT_TYPE,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// Payloads as docs.github.com "Webhook events and payloads" describes them, compact JSON as
// GitHub sends it. The event name travels in `X-GitHub-Event`, the action in the body; the
// delivery GUID (`X-GitHub-Delivery`) is added when signing with the sample's `id`.

function context(options: SampleOptions) {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const owner = {
    login: 'octo-org',
    id: Number(ids.digits('owner', 8)),
    node_id: `O_${ids.alnum('owner-node', 12)}`,
    avatar_url: 'https://avatars.githubusercontent.com/u/9919?v=4',
    html_url: 'https://github.com/octo-org',
    type: 'Organization',
    site_admin: false,
  };
  const sender = {
    login: 'octocat',
    id: 583231,
    node_id: 'MDQ6VXNlcjU4MzIzMQ==',
    avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
    html_url: 'https://github.com/octocat',
    type: 'User',
    site_admin: false,
  };
  const repository = {
    id: Number(ids.digits('repository', 9)),
    node_id: `R_${ids.alnum('repository-node', 12)}`,
    name: 'hello-world',
    full_name: 'octo-org/hello-world',
    private: false,
    owner,
    html_url: 'https://github.com/octo-org/hello-world',
    description: 'My first repository on GitHub.',
    fork: false,
    url: 'https://api.github.com/repos/octo-org/hello-world',
    default_branch: 'main',
    visibility: 'public',
  };
  const headers = (event: string) => ({
    'User-Agent': `GitHub-Hookshot/${ids.hex('hookshot', 7)}`,
    'X-GitHub-Event': event,
    'X-GitHub-Hook-ID': ids.digits('hook', 9),
    'X-GitHub-Hook-Installation-Target-ID': String(repository.id),
    'X-GitHub-Hook-Installation-Target-Type': 'repository',
  });
  return { id, ids, sender, repository, headers, time: sampleTime(options) };
}

/** GitHub `push`: one commit pushed to `main`. Send it with `X-GitHub-Event: push` (in `headers`). */
export function push(options: SampleOptions = {}): Sample {
  const { id, ids, sender, repository, headers, time } = context(options);
  const before = ids.hex('before', 40);
  const after = ids.hex('after', 40);
  const commit = {
    id: after,
    tree_id: ids.hex('tree', 40),
    distinct: true,
    message: 'Fix the signature check on retried deliveries',
    timestamp: isoTime(time).replace('Z', '+00:00'),
    url: `https://github.com/octo-org/hello-world/commit/${after}`,
    author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: [],
    removed: [],
    modified: ['src/webhooks.ts'],
  };
  const payload = {
    ref: 'refs/heads/main',
    before,
    after,
    repository: { ...repository, pushed_at: time },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    sender,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo-org/hello-world/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  };
  return {
    provider: 'github',
    event: 'push',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: headers('push'),
    timestamp: time,
  };
}

/** GitHub `issues` with action `opened`. Send it with `X-GitHub-Event: issues` (in `headers`). */
export function issuesOpened(options: SampleOptions = {}): Sample {
  const { id, ids, sender, repository, headers, time } = context(options);
  const number = 1 + (Number(ids.digits('number', 4)) % 999);
  const payload = {
    action: 'opened',
    issue: {
      url: `https://api.github.com/repos/octo-org/hello-world/issues/${number}`,
      html_url: `https://github.com/octo-org/hello-world/issues/${number}`,
      id: Number(ids.digits('issue', 10)),
      node_id: `I_${ids.alnum('issue-node', 16)}`,
      number,
      title: 'Webhook signature fails behind the load balancer',
      user: sender,
      labels: [{ id: Number(ids.digits('label', 9)), name: 'bug', color: 'd73a4a', default: true }],
      state: 'open',
      locked: false,
      assignees: [],
      comments: 0,
      created_at: isoTime(time),
      updated_at: isoTime(time),
      closed_at: null,
      author_association: 'OWNER',
      body: 'Deliveries verify locally but fail in production with 401.',
    },
    repository,
    sender,
  };
  return {
    provider: 'github',
    event: 'issues.opened',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: headers('issues'),
    timestamp: time,
  };
}

/** GitHub samples, by event type (`event.action` as a receiver routes it). */
export const githubSamples = {
  push,
  'issues.opened': issuesOpened,
};
