import type { StandardSchemaV1 } from '@hookgate/core';
import type { Catalogue } from './catalogue.js';
import { type GithubEventPayloads, githubEventNames } from './generated/github-events.js';
import { githubSchemaLoaders, type SchemaModule } from './generated/github-schemas/index.js';
import { checkJsonSchema } from './json-schema-check.js';

// Each route's schema module is imported on its first delivery and kept: a receiver pays for
// the events it receives, never for the other 260.
const loaded = new Map<string, Promise<SchemaModule>>();

function load(route: string): Promise<SchemaModule> | undefined {
  let module = loaded.get(route);
  if (!module) {
    const loader = Object.hasOwn(githubSchemaLoaders, route) ? githubSchemaLoaders[route] : undefined;
    if (!loader) return undefined;
    module = loader();
    loaded.set(route, module);
  }
  return module;
}

/**
 * The validator of one catalogue key. A schema sees only the payload, not the X-GitHub-Event
 * header, so the key gives the event name: `issues.opened` is checked against that schema, the
 * bare `issues` against the schema of the payload's own `action`.
 */
function strictSchema(key: string): StandardSchemaV1 {
  const hasAction = key.includes('.');
  return {
    '~standard': {
      version: 1,
      vendor: 'hookgate/github-strict',
      async validate(value) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { issues: [{ message: 'the payload is not a JSON object' }] };
        }
        const action = (value as { action?: unknown }).action;
        const route = hasAction || typeof action !== 'string' ? key : `${key}.${action}`;
        const module = load(route) ?? load(key);
        if (!module)
          return { issues: [{ message: `GitHub documents no ${route} payload`, path: ['action'] }] };
        const { defs, root } = await module;
        const issues = checkJsonSchema(value, root, defs);
        return issues.length > 0 ? { issues } : { value };
      },
    },
  };
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
