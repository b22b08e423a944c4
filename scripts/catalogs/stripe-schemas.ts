import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './github-spec.js';
import { banner } from './sources.js';
import type { StripeEvents } from './stripe-events.js';
import { createStripeSchemaWalk } from './stripe-schema-walk.js';

// The installed (pinned, see sources.ts) stripe package; its package.json is not exported.
const packageDir = fileURLToPath(new URL('../../node_modules/stripe/', import.meta.url));

/**
 * The modules of `strictStripeEvents`: one per event type (its event, inline) importing the
 * definition modules it needs, one per stripe-node declaration file (`defs/Checkout/Sessions.ts`),
 * each written once however many events use it. Generated from stripe-node's TypeScript
 * declarations (see stripe-schema-walk.ts): Stripe's OpenAPI description is not in a package.
 */
export function stripeSchemaModules({ checker, events }: StripeEvents): {
  files: Map<string, string>;
  /** The schema of `data.object` of an event type, with every definition. */
  objectSchema: (type: string) => { schema: JsonSchema; defs: Record<string, unknown> };
} {
  const walk = createStripeSchemaWalk(checker, packageDir);
  const roots = events.map(({ type, event }) => ({ type, ...walk.schema(event) }));
  const { defs, refs } = walk.result();
  const head = banner('stripe');
  const groupOf = (name: string) => name.slice(0, name.indexOf('#'));
  const groups = new Map<string, Record<string, unknown>>();
  for (const [name, schema] of [...defs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const group = groups.get(groupOf(name)) ?? {};
    group[name] = schema;
    groups.set(groupOf(name), group);
  }
  const files = new Map<string, string>();
  for (const [group, members] of groups) {
    files.set(`stripe-schemas/defs/${group}.ts`, `${head}export default JSON.parse(${json(members)});\n`);
  }
  const loaders: string[] = [];
  for (const { type, schema, uses } of roots) {
    const needed = new Set<string>();
    const visit = (name: string) => {
      if (needed.has(name)) return;
      needed.add(name);
      for (const next of refs.get(name) ?? []) visit(next);
    };
    for (const name of uses) visit(name);
    const used = [...new Set([...needed].map(groupOf))].sort();
    const imports = used.map((group, index) => `import d${index} from './defs/${group}.js';\n`).join('');
    const spread = used.map((_, index) => `...d${index}, `).join('');
    files.set(
      `stripe-schemas/${type}.ts`,
      `${head}${imports}\n/** The schemas of the \`${type}\` event, by definition name; the event itself is \`event\`. */\nexport const defs: Record<string, unknown> = { ${spread}event: JSON.parse(${json(schema)}) };\n\nexport const root = 'event';\n`,
    );
    loaders.push(`  '${type}': () => import('./${type}.js'),`);
  }
  files.set(
    'stripe-schemas/index.ts',
    `${head}import type { SchemaModule } from '../../strict-schema.js';\n\n/** Loads the schema module of each Stripe event type. */\nexport const stripeSchemaLoaders: Record<string, () => Promise<SchemaModule>> = {\n${loaders.join('\n')}\n};\n`,
  );
  const byType = new Map(roots.map((root) => [root.type, root.schema]));
  const objectSchema = (type: string) => {
    const event = byType.get(type) as { properties: { data: { properties: { object: JsonSchema } } } };
    return { schema: event.properties.data.properties.object, defs: Object.fromEntries(defs) };
  };
  return { files, objectSchema };
}

/** A value as a JS string literal of its JSON. */
function json(value: unknown): string {
  return JSON.stringify(JSON.stringify(value));
}
