import { createRequire } from 'node:module';
import type { GithubSpec } from './github-spec.js';
import { banner } from './sources.js';

const require = createRequire(import.meta.url);

interface Example {
  route: string;
  /** `spec`: an official example of GitHub's OpenAPI description; `community`: octokit's collection. */
  source: 'spec' | 'community';
  payload: unknown;
}

/**
 * One example payload per GitHub route: GitHub's own (the spec's `examples`) where there is one,
 * otherwise the first of `@octokit/webhooks-examples` (payloads recorded by the community; older
 * ones may lack fields GitHub added since). One module per route, loaded on first use.
 */
export function githubExampleModules(spec: GithubSpec): Map<string, string> {
  const examples = new Map<string, Example>();
  const official = require('@octokit/openapi-webhooks/generated/api.github.com.json') as {
    components: { examples: Record<string, { value: unknown }> };
  };
  for (const webhook of spec.webhooks) {
    const example = official.components.examples[webhook.key];
    if (example)
      examples.set(webhook.route, { route: webhook.route, source: 'spec', payload: example.value });
  }
  const routes = new Set(spec.webhooks.map((webhook) => webhook.route));
  const community = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: { action?: string }[];
  }[];
  for (const { name, examples: payloads } of community) {
    for (const payload of payloads) {
      const route = payload.action === undefined ? name : `${name}.${payload.action}`;
      if (routes.has(route) && !examples.has(route))
        examples.set(route, { route, source: 'community', payload });
    }
  }
  const head = banner('@octokit/openapi-webhooks', '@octokit/webhooks-examples');
  const files = new Map<string, string>();
  const sorted = [...examples.values()].sort((a, b) => (a.route < b.route ? -1 : 1));
  for (const { route, payload } of sorted) {
    files.set(
      `github/${route}.ts`,
      `${head}export default JSON.parse(${JSON.stringify(JSON.stringify(payload))});\n`,
    );
  }
  const loaders = sorted.map(
    ({ route, source }) => `  '${route}': { source: '${source}', load: () => import('./${route}.js') },`,
  );
  files.set(
    'github/index.ts',
    `${head}\n/** Where an example comes from: GitHub's spec, or octokit's community collection. */\nexport type ExampleSource = 'spec' | 'community';\n\n/** The example payload of each GitHub route that has one. */\nexport const githubExamples: Record<string, { source: ExampleSource; load: () => Promise<{ default: unknown }> }> = {\n${loaders.join('\n')}\n};\n`,
  );
  return files;
}
