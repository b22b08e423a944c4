import type { GithubSpec } from './github-spec.js';
import { banner } from './sources.js';

/**
 * `github-events.ts`: the payload type of every route (`issues.opened`, and the bare `issues` as
 * the union of its actions) from octokit's types, and the routes as a runtime list. Written out
 * rather than computed with template-literal types, so the compiler looks each one up directly.
 */
export function githubEventsModule(spec: GithubSpec): string {
  const byName = new Map<string, string[]>();
  for (const webhook of spec.webhooks) {
    const keys = byName.get(webhook.name) ?? [];
    keys.push(webhook.key);
    byName.set(webhook.name, keys);
  }
  const entries = new Map<string, string>();
  for (const webhook of spec.webhooks) entries.set(webhook.route, `P<'${webhook.key}'>`);
  for (const [name, keys] of byName) {
    if (!entries.has(name)) entries.set(name, keys.map((key) => `P<'${key}'>`).join(' | '));
  }
  const routes = [...entries.keys()].sort();
  const lines = routes.map((route) => `  '${route}': ${entries.get(route)};`);
  return `${banner('@octokit/openapi-webhooks', '@octokit/openapi-webhooks-types')}import type { webhooks } from '@octokit/openapi-webhooks-types';

type P<K extends keyof webhooks> = webhooks[K]['post']['requestBody']['content']['application/json'];

/** The payload of every GitHub webhook route: \`name.action\`, and the bare \`name\` for all its actions. */
export interface GithubEventPayloads {
${lines.join('\n')}
}

/** Every route of {@link GithubEventPayloads}, sorted. */
export const githubEventNames: readonly (keyof GithubEventPayloads)[] = ${JSON.stringify(routes)};
`;
}
