import type { StandardIssue, StandardSchemaV1 } from '@hookgate/core';
import { checkJsonSchema } from './json-schema-check.js';

/** A generated schema module: the JSON Schemas by name, and the name of the payload's. */
export interface SchemaModule {
  defs: Record<string, unknown>;
  root: string;
}

/**
 * Imports each key's schema module on its first use and keeps it: a receiver pays for the
 * events it receives, never for the others. `undefined` for a key with no module.
 */
export function createSchemaLoader(
  loaders: Record<string, () => Promise<SchemaModule>>,
): (key: string) => Promise<SchemaModule> | undefined {
  const loaded = new Map<string, Promise<SchemaModule>>();
  return (key) => {
    let module = loaded.get(key);
    if (!module) {
      const loader = Object.hasOwn(loaders, key) ? loaders[key] : undefined;
      if (!loader) return undefined;
      module = loader();
      loaded.set(key, module);
      // A failed import (a file missing from a bundle, a transient read error) is not kept:
      // the next delivery of that type tries again rather than fail until a restart.
      module.catch(() => {
        if (loaded.get(key) === module) loaded.delete(key);
      });
    }
    return module;
  };
}

/**
 * A Standard Schema that checks a JSON object against the schema module `pick` chooses for it
 * (or refuses it with the issue `pick` gives), passing the value through unchanged when it matches.
 */
export function createStrictSchema(
  vendor: string,
  pick: (payload: Record<string, unknown>) => Promise<SchemaModule> | StandardIssue,
): StandardSchemaV1 {
  return {
    '~standard': {
      version: 1,
      vendor,
      async validate(value) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { issues: [{ message: 'the payload is not a JSON object' }] };
        }
        const module = pick(value as Record<string, unknown>);
        if (!(module instanceof Promise)) return { issues: [module] };
        const { defs, root } = await module;
        const issues = checkJsonSchema(value, root, defs);
        return issues.length > 0 ? { issues } : { value };
      },
    },
  };
}
