import { createHash } from 'node:crypto';
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
 * ones may lack fields GitHub added since). `data`: one JSON file per route (under
 * packages/testing/catalog/github, read on first use) with large repeated objects written once
 * under `shared/`; `index`: the routes and where each example comes from, as a module.
 */
export function githubExampleFiles(spec: GithubSpec): { data: Map<string, string>; index: string } {
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
  const sorted = [...examples.values()].sort((a, b) => (a.route < b.route ? -1 : 1));
  const { roots, shared } = shareSubtrees(sorted.map((example) => example.payload));
  const data = new Map<string, string>();
  for (const [name, value] of shared) data.set(`github/shared/${name}.json`, `${JSON.stringify(value)}\n`);
  sorted.forEach(({ route }, index) => {
    const needs = [...sharedNames(roots[index], shared, new Set())].sort();
    data.set(`github/${route}.json`, `${JSON.stringify({ shared: needs, payload: roots[index] })}\n`);
  });
  const entries = sorted.map(({ route, source }) => `  '${route}': '${source}',`);
  const index = `${banner('@octokit/openapi-webhooks', '@octokit/webhooks-examples')}
/**
 * Each GitHub route with an example payload (in catalog/github/<route>.json), and where the
 * example comes from: GitHub's spec, or octokit's community collection.
 */
export const githubExampleSources = {
${entries.join('\n')}
} as const;
`;
  return { data, index };
}

/** The key of the object that stands for a shared part (see catalog/github.ts, which expands it). */
const MARKER = '$sample';
// Example payloads repeat large objects (the same repository, sender and organization in most):
// an object of at least this many bytes that occurs twice is written once, as a shared module.
const SHARED_BYTES = 300;

function shareSubtrees(payloads: unknown[]): { roots: unknown[]; shared: Map<string, unknown> } {
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!Array.isArray(node) && Object.hasOwn(node, MARKER))
      throw new Error(`an example has a ${MARKER} key`);
    const text = JSON.stringify(node);
    if (text.length >= SHARED_BYTES) counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const value of Object.values(node)) count(value);
  };
  for (const payload of payloads) count(payload);
  const shared = new Map<string, unknown>();
  const replace = (node: unknown, isRoot: boolean): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const text = JSON.stringify(node);
    const inner = Array.isArray(node)
      ? node.map((item) => replace(item, false))
      : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replace(value, false)]));
    if (isRoot || text.length < SHARED_BYTES || (counts.get(text) ?? 0) < 2) return inner;
    const name = createHash('sha256').update(text).digest('hex').slice(0, 12);
    if (!shared.has(name)) shared.set(name, inner);
    return { [MARKER]: name };
  };
  return { roots: payloads.map((payload) => replace(payload, true)), shared };
}

/** The shared parts `node` needs, with those they need in turn. */
function sharedNames(node: unknown, shared: Map<string, unknown>, into: Set<string>): Set<string> {
  if (typeof node !== 'object' || node === null) return into;
  const name = (node as Record<string, unknown>)[MARKER];
  if (typeof name === 'string') {
    if (!into.has(name)) {
      into.add(name);
      sharedNames(shared.get(name), shared, into);
    }
    return into;
  }
  for (const value of Object.values(node)) sharedNames(value, shared, into);
  return into;
}
