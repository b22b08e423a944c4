import { type Catalogue, createCatalogue, createEnvelope } from './catalogue.js';
import { type GithubEventPayloads, githubEventNames } from './generated/github-events.js';

export type { GithubEventPayloads } from './generated/github-events.js';

/** The GitHub catalogue's type: each route of {@link GithubEventPayloads} with its payload. */
export type GithubEvents = Catalogue<GithubEventPayloads>;

// GitHub routes by the X-GitHub-Event header and de-duplicates by X-GitHub-Delivery, both
// outside the body; of the body the receiver relies only on `action`, which it appends to the
// event name (docs.github.com/webhooks/webhook-events-and-payloads).
const envelope = createEnvelope('hookgate/github', (payload) =>
  payload.action === undefined || typeof payload.action === 'string'
    ? undefined
    : [{ message: 'expected a string', path: ['action'] }],
);

/**
 * Every GitHub webhook event, typed from octokit's `@octokit/openapi-webhooks-types` (GitHub's
 * own OpenAPI description): `issues.opened` for one action, `issues` for all of them, as a
 * GitHub receiver routes. Checks only that the payload is a JSON object with a string `action`
 * where there is one; the rest reaches handlers as GitHub sent it, typed. For whole-payload
 * validation use {@link strictGithubEvents}.
 *
 * @example
 * ```ts
 * import { githubEvents } from '@hookgate/events/github';
 * const receiver = createReceiver({ scheme: github({ secret }), events: githubEvents });
 * receiver.on('issues.opened', async (event) => event.issue.title);
 * receiver.on('push', async (event) => event.commits.length);
 * ```
 */
export const githubEvents: GithubEvents = createCatalogue<GithubEventPayloads>(githubEventNames, envelope);

export { strictGithubEvents } from './github-strict.js';
