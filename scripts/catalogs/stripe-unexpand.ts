import { checkJsonSchema } from '../../packages/events/src/json-schema-check.js';
import type { JsonSchema } from './github-spec.js';

/**
 * The fixture with stripe-mock's placeholders of expanded objects put back to ids. Where
 * stripe-node types a field as expandable (`string | Stripe.Account`), Stripe's webhook events
 * carry the id (events are never expanded: docs.stripe.com/api/expanding_objects), but the
 * fixtures sometimes hold a stub of the object instead (`{ "id": "obj_123", "object": "account" }`),
 * which is neither. Such an object, where the type allows a string and the object does not
 * match, is replaced by its `id`. Nothing else is changed.
 */
export function unexpandStubs(value: unknown, schema: JsonSchema, defs: Record<string, unknown>): unknown {
  const resolve = (node: JsonSchema): JsonSchema =>
    typeof node.$ref === 'string' ? resolve(defs[node.$ref] as JsonSchema) : node;
  const walk = (data: unknown, node: JsonSchema): unknown => {
    const here = resolve(node);
    if (Array.isArray(here.anyOf)) {
      const branches = here.anyOf as JsonSchema[];
      const fits = (branch: JsonSchema) =>
        checkJsonSchema(data, 'root', { ...defs, root: branch }).length === 0;
      const stringAllowed = branches.some((branch) => [resolve(branch).type].flat().includes('string'));
      const objects = branches.filter((branch) => resolve(branch).type === 'object');
      if (isStub(data) && stringAllowed && !objects.some(fits)) return data.id;
      // Go on into the object branch the data is meant for (where there is only one).
      return objects.length === 1 ? walk(data, objects[0]!) : data;
    }
    if (Array.isArray(data))
      return here.items ? data.map((item) => walk(item, here.items as JsonSchema)) : data;
    if (typeof data !== 'object' || data === null) return data;
    const properties = (here.properties ?? {}) as Record<string, JsonSchema>;
    return Object.fromEntries(
      Object.entries(data).map(([key, item]) => [
        key,
        Object.hasOwn(properties, key) ? walk(item, properties[key]!) : item,
      ]),
    );
  };
  return walk(value, schema);
}

function isStub(data: unknown): data is { id: string } {
  return typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'string';
}
