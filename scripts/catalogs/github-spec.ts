import { createRequire } from 'node:module';

/** A JSON Schema node of GitHub's spec, as far as the generators look into it. */
export type JsonSchema = { [key: string]: unknown };

export interface GithubWebhook {
  /** The key in the spec's `webhooks` (`issues-opened`). */
  key: string;
  /** The route a hookgate receiver uses: `X-GitHub-Event`, then `.action` when there is one. */
  route: string;
  /** The bare event name (`issues`). */
  name: string;
  /** The name of the payload's schema in `components.schemas`. */
  schema: string;
}

export interface GithubSpec {
  webhooks: GithubWebhook[];
  schemas: Record<string, JsonSchema>;
}

const require = createRequire(import.meta.url);

/** Reads GitHub's webhook spec from `@octokit/openapi-webhooks` (api.github.com). */
export function readGithubSpec(): GithubSpec {
  const spec = require('@octokit/openapi-webhooks/generated/api.github.com.json') as {
    webhooks: Record<
      string,
      {
        post: {
          'x-github': { subcategory: string };
          requestBody: { content: Record<string, { schema: { $ref: string } }> };
        };
      }
    >;
    components: { schemas: Record<string, JsonSchema> };
  };
  const schemas = spec.components.schemas;
  const webhooks = Object.entries(spec.webhooks).map(([key, { post }]) => {
    // The subcategory is the X-GitHub-Event value; a few are written with dashes in the spec
    // (`sub-issues`) while GitHub sends underscores (`sub_issues`), as octokit's names do.
    const name = post['x-github'].subcategory.replaceAll('-', '_');
    const schema = post.requestBody.content['application/json']!.schema.$ref.split('/').pop()!;
    const action = actionOf(key, name, schemas[schema]!, schemas);
    return { key, name, schema, route: action === undefined ? name : `${name}.${action}` };
  });
  webhooks.sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
  return { webhooks, schemas };
}

/**
 * The action of a webhook: the key is the event name and the action joined by dashes
 * (`check-run-requested-action`). Where the schema fixes the action, the schema wins: it is what
 * the payload carries and so what the receiver routes by (`custom-property-promoted-to-enterprise`
 * sends `promote_to_enterprise`).
 */
function actionOf(
  key: string,
  name: string,
  schema: JsonSchema,
  schemas: Record<string, JsonSchema>,
): string | undefined {
  const prefix = name.replaceAll('_', '-');
  if (key === prefix) return undefined;
  if (!key.startsWith(`${prefix}-`)) throw new Error(`webhook ${key} does not start with ${prefix}`);
  const action = key.slice(prefix.length + 1).replaceAll('-', '_');
  return fixedAction(schema, schemas) ?? action;
}

function fixedAction(schema: JsonSchema, schemas: Record<string, JsonSchema>): string | undefined {
  let action = (schema.properties as Record<string, JsonSchema> | undefined)?.action;
  if (action && typeof action.$ref === 'string') action = schemas[action.$ref.split('/').pop()!];
  const values = action?.enum;
  return Array.isArray(values) && values.length === 1 ? String(values[0]) : undefined;
}
