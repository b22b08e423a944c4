import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { StandardSchemaV1 } from '@hookgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubEventNames } from './generated/github-events.js';
import { strictGithubEvents } from './github.js';
import { checkJsonSchema } from './json-schema-check.js';

const require = createRequire(import.meta.url);
const spec = require('@octokit/openapi-webhooks/generated/api.github.com.json') as {
  webhooks: Record<string, { post: { 'x-github': { subcategory: string } } }>;
  components: { examples: Record<string, { value: Record<string, unknown> }> };
};

const validate = (key: string, value: unknown) =>
  (strictGithubEvents as Record<string, StandardSchemaV1>)[key]!['~standard'].validate(value);

/** The official example payloads of GitHub's spec, with the route each is delivered on. */
const officialExamples = Object.entries(spec.components.examples).map(([key, { value }]) => {
  const name = spec.webhooks[key]!.post['x-github'].subcategory.replaceAll('-', '_');
  return { route: typeof value.action === 'string' ? `${name}.${value.action}` : name, value };
});

/** octokit's collection of recorded deliveries, older than GitHub's current schemas. */
const recorded = require('@octokit/webhooks-examples/api.github.com/index.json') as {
  name: string;
  examples: Record<string, unknown>[];
}[];

describe('strictGithubEvents', () => {
  it('refuses as many of octokit’s recorded deliveries as the README says, and routes them all', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const [, said, of] = /(\d+) of its (\d+) older payloads/.exec(readme) ?? [];
    let routed = 0;
    let refused = 0;
    for (const { name, examples } of recorded) {
      for (const example of examples) {
        const route = typeof example.action === 'string' ? `${name}.${example.action}` : name;
        if (!Object.hasOwn(strictGithubEvents, route)) continue;
        routed++;
        if ((await validate(route, example)).issues) refused++;
      }
    }
    expect(`${refused} of ${routed}`).toBe(`${said} of ${of}`);
  });

  it('accepts every official example payload of GitHub’s spec, by name.action and by bare name', async () => {
    expect(officialExamples.length).toBeGreaterThanOrEqual(6);
    for (const { route, value } of officialExamples) {
      expect(await validate(route, value)).toEqual({ value });
      expect(await validate(route.split('.')[0]!, value)).toEqual({ value });
    }
  });

  it('refuses a payload that breaks the schema, with the path of the issue', async () => {
    const ping = officialExamples.find((example) => example.route === 'ping')!.value;
    const result = await validate('ping', { ...ping, hook_id: 'not a number' });
    expect(result.issues?.[0]).toMatchObject({ path: ['hook_id'] });
    const checkRun = officialExamples.find((example) => example.route === 'check_run.created')!.value;
    const { check_run: _, ...missing } = checkRun;
    expect((await validate('check_run.created', missing)).issues?.[0]).toEqual({
      message: 'required',
      path: ['check_run'],
    });
  });

  it('checks date-time formats, as GitHub’s schemas give them', async () => {
    const { value } = officialExamples.find((example) => example.route === 'check_run.created')!;
    const checkRun = value.check_run as Record<string, unknown>;
    const result = await validate('check_run.created', {
      ...value,
      check_run: { ...checkRun, started_at: 'yesterday' },
    });
    expect(result.issues).toEqual([{ message: 'not a valid date-time', path: ['check_run', 'started_at'] }]);
  });

  it('refuses an action GitHub does not document under a bare name', async () => {
    const { value } = officialExamples.find((example) => example.route === 'check_run.created')!;
    const result = await validate('check_run', { ...value, action: 'teleported' });
    expect(result.issues?.[0]?.message).toContain('check_run.teleported');
  });

  it('has a schema module for every route', async () => {
    const { githubSchemaLoaders } = await import('./generated/github-schemas/index.js');
    for (const route of githubEventNames) {
      if (route.includes('.') || !githubEventNames.some((other) => other.startsWith(`${route}.`))) {
        expect(Object.hasOwn(githubSchemaLoaders, route), route).toBe(true);
      }
    }
  });

  it('never throws on arbitrary JSON, and reports issues only with paths into the payload', async () => {
    const { defs, root } = await import('./generated/github-schemas/issues.opened.js');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const issues = checkJsonSchema(value, root, defs);
        for (const issue of issues) expect(Array.isArray(issue.path)).toBe(true);
        return issues.length <= 20;
      }),
    );
  });

  it('checks the JSON Schema keywords it keeps', () => {
    const defs = {
      root: {
        type: 'object',
        required: ['n', 'list'],
        additionalProperties: false,
        properties: {
          n: { type: 'integer', minimum: 1, maximum: 3 },
          s: { type: ['string', 'null'], maxLength: 2 },
          e: { enum: ['a', 'b'] },
          list: { type: 'array', maxItems: 2, items: { $ref: 'item' } },
          either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          at: { type: 'string', format: 'date-time' },
          mail: { type: ['string', 'null'], format: 'email' },
          link: { type: 'string', format: 'uri' },
        },
      },
      item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    };
    const good = { n: 2, s: null, e: 'a', list: [{ id: 'x' }], either: 1, at: '2026-01-01T00:00:00.5+01:00' };
    expect(checkJsonSchema({ ...good, mail: 'octo@cat.example', link: 'not checked' }, 'root', defs)).toEqual(
      [],
    );
    const issues = checkJsonSchema(
      { n: 1.5, s: 'abc', e: 'c', list: [{}, {}, {}], either: true, at: '2026-01-01', mail: 'x', extra: 1 },
      'root',
      defs,
    );
    expect(issues.map((issue) => issue.path?.join('.'))).toEqual([
      'n',
      's',
      'e',
      'list',
      'list.0.id',
      'list.1.id',
      'list.2.id',
      'either',
      'at',
      'mail',
      'extra',
    ]);
  });
});
