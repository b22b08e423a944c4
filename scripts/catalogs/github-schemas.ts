import { createHash } from 'node:crypto';
import type { GithubSpec, JsonSchema } from './github-spec.js';
import { banner } from './sources.js';

// The keywords the run-time checker (packages/events/src/json-schema-check.ts) evaluates; the
// rest (descriptions, examples, formats, defaults) is dropped to keep the output small.
const KEPT = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'items',
  '$ref',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'format',
]);

// The formats the checker evaluates; the others are dropped. Not `uri`: GitHub sends what users
// typed, `"homepage": ""` for a cleared repository homepage (recorded in octokit's collection of
// real deliveries), where its schema says `format: uri`; checking it would refuse real deliveries.
const CHECKED_FORMATS = new Set(['date-time', 'email']);

/**
 * One module per route with the JSON Schema of its payload, for `strictGithubEvents` to load on
 * first use; components that several routes use go to `shared/` once, so the output holds each
 * schema once. Schemas are embedded as JSON text (`JSON.parse`), which the compiler and the
 * JavaScript parser both skip over cheaply.
 */
export function githubSchemaModules(spec: GithubSpec): Map<string, string> {
  const schemas = dedupe(spec.schemas);
  const closures = new Map<string, Set<string>>();
  const uses = new Map<string, number>();
  for (const webhook of spec.webhooks) {
    const names = new Set<string>([webhook.schema]);
    collectRefs(schemas[webhook.schema], schemas, names);
    closures.set(webhook.route, names);
    for (const name of names) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  const files = new Map<string, string>();
  const head = banner('@octokit/openapi-webhooks');
  for (const [name, count] of uses) {
    if (count > 1)
      files.set(
        `github-schemas/shared/${name}.ts`,
        `${head}export default JSON.parse(${json(schemas[name])});\n`,
      );
  }
  const loaders: string[] = [];
  for (const webhook of spec.webhooks) {
    const names = [...closures.get(webhook.route)!].sort();
    const shared = names.filter((name) => uses.get(name)! > 1);
    const own = names.filter((name) => uses.get(name) === 1);
    const imports = shared.map((name, index) => `import s${index} from './shared/${name}.js';\n`).join('');
    const defs = [
      ...shared.map((name, index) => `  '${name}': s${index},`),
      ...own.map((name) => `  '${name}': JSON.parse(${json(schemas[name])}),`),
    ];
    files.set(
      `github-schemas/${webhook.route}.ts`,
      `${head}${imports}\n/** The schemas of the \`${webhook.route}\` payload, by component name. */\nexport const defs: Record<string, unknown> = {\n${defs.join('\n')}\n};\n\nexport const root = '${webhook.schema}';\n`,
    );
    loaders.push(`  '${webhook.route}': () => import('./${webhook.route}.js'),`);
  }
  files.set(
    'github-schemas/index.ts',
    `${head}import type { SchemaModule } from '../../strict-schema.js';\n\n/** Loads the schema module of each \`name.action\` route (and each route without actions). */\nexport const githubSchemaLoaders: Record<string, () => Promise<SchemaModule>> = {\n${loaders.join('\n')}\n};\n`,
  );
  return files;
}

function collectRefs(node: unknown, schemas: Record<string, JsonSchema>, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, schemas, into);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.split('/').pop()!;
        if (!into.has(name)) {
          into.add(name);
          collectRefs(schemas[name], schemas, into);
        }
      } else if (key === 'properties') {
        for (const property of Object.values(value as object)) collectRefs(property, schemas, into);
      } else if (KEPT.has(key)) {
        collectRefs(value, schemas, into);
      }
    }
  }
}

/** A schema as a JS string literal of its JSON. */
function json(schema: unknown): string {
  return JSON.stringify(JSON.stringify(schema));
}

// GitHub's spec repeats large inline objects (a pull request's schema sits inline in each
// pull_request event): a subtree of at least this many bytes that occurs twice becomes a
// component of its own, named by a hash of its content, so the output holds it once.
const SHARED_BYTES = 400;

/** The schemas stripped to the checker's keywords, with repeated large subtrees made components. */
function dedupe(source: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const stripped = Object.fromEntries(Object.entries(source).map(([name, schema]) => [name, strip(schema)]));
  const counts = new Map<string, number>();
  walk(stripped, (text) => counts.set(text, (counts.get(text) ?? 0) + 1));
  const out: Record<string, JsonSchema> = {};
  const replace = (node: unknown, isRoot: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => replace(item, false));
    if (typeof node !== 'object' || node === null) return node;
    const inner: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      inner[key] =
        key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as object).map(([name, sub]) => [name, replace(sub, false)]),
            )
          : replace(value, false);
    }
    const text = JSON.stringify(node);
    if (isRoot || text.length < SHARED_BYTES || (counts.get(text) ?? 0) < 2) return inner;
    const name = `dedup-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    out[name] ??= inner as JsonSchema;
    return { $ref: name };
  };
  for (const [name, schema] of Object.entries(stripped)) out[name] = replace(schema, true) as JsonSchema;
  return out;
}

/** Calls `visit` with the JSON text of every schema object below the roots. */
function walk(schemas: Record<string, unknown>, visit: (text: string) => void): void {
  const go = (node: unknown, isRoot: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) go(item, false);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (!isRoot) visit(JSON.stringify(node));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') for (const sub of Object.values(value as object)) go(sub, false);
      else go(value, false);
    }
  };
  for (const schema of Object.values(schemas)) go(schema, true);
}

/** The schema without the keywords the checker ignores; `$ref`s become bare component names. */
function strip(node: unknown): JsonSchema {
  return stripNode(node) as JsonSchema;
}

function stripNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripNode);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT.has(key) || (key === 'format' && !CHECKED_FORMATS.has(value as string))) continue;
    if (key === '$ref') out.$ref = (value as string).split('/').pop();
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as object).map(([name, sub]) => [name, stripNode(sub)]),
      );
    } else out[key] = stripNode(value);
  }
  return out;
}
