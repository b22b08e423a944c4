import type { StandardSchemaV1 } from '@hookgate/core';
import type { Catalogue } from './catalogue.js';
import { type GithubEventPayloads, githubEventNames } from './generated/github-events.js';
import { githubSchemaLoaders } from './generated/github-schemas/index.js';
import { createSchemaLoader, createStrictSchema } from './strict-schema.js';

const load = createSchemaLoader(githubSchemaLoaders);

/**
 * The validator of one catalogue key. A schema sees only the payload, not the X-GitHub-Event
 * header, so the key gives the event name: `issues.opened` is checked against that schema, the
 * bare `issues` against the schema of the payload's own `action`.
 */
function strictSchema(key: string): StandardSchemaV1 {
  const hasAction = key.includes('.');
  return createStrictSchema('hookgate/github-strict', (payload) => {
    const action = payload.action;
    const route = hasAction || typeof action !== 'string' ? key : `${key}.${action}`;
    return load(route) ?? load(key) ?? { message: `GitHub documents no ${route} payload`, path: ['action'] };
  });
}

/**
 * `githubEvents` with whole-payload validation: each payload is checked against the JSON Schema
 * GitHub publishes for it (`@octokit/openapi-webhooks`, converted at build time to one module
 * per event), imported on the first delivery of that event. A payload that does not match is
 * refused with `SCHEMA_MISMATCH` (422) and the paths of its first issues. Costs one dynamic
 * import per event and a walk of each payload; spread it over `githubEvents` for just the
 * events whose handlers rely on more than the envelope.
 *
 * @example
 * ```ts
 * import { githubEvents, strictGithubEvents } from '@hookgate/events/github';
 * const events = { ...githubEvents, 'issues.opened': strictGithubEvents['issues.opened'] };
 * ```
 */
export const strictGithubEvents: Catalogue<GithubEventPayloads> = Object.freeze(
  Object.fromEntries(githubEventNames.map((key) => [key, strictSchema(key)])),
) as Catalogue<GithubEventPayloads>;
