import type { StandardIssue } from '@hookgate/core';

/** The JSON Schema keywords the generated GitHub schemas keep (see scripts/catalogs/github-schemas.ts). */
interface Schema {
  type?: string | string[] | undefined;
  properties?: Record<string, Schema> | undefined;
  required?: string[] | undefined;
  additionalProperties?: boolean | Schema | undefined;
  enum?: unknown[] | undefined;
  const?: unknown | undefined;
  anyOf?: Schema[] | undefined;
  oneOf?: Schema[] | undefined;
  allOf?: Schema[] | undefined;
  items?: Schema | undefined;
  $ref?: string | undefined;
  maxLength?: number | undefined;
  minLength?: number | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
  format?: string | undefined;
}

type Path = (string | number)[];

// Beyond this many issues a payload is plainly of another shape; stop collecting.
const MAX_ISSUES = 20;

/**
 * The most schema nodes one payload may take to check. Each `anyOf` branch is tried in full, so
 * recursive unions (a Stripe balance transaction's `source`, each of whose nine object branches
 * has a `balance_transaction` again) make the work grow exponentially with the nesting: a 10 KB
 * payload took seconds of synchronous CPU. Real payloads take a small share of it: at most 346
 * for Stripe's fixtures and 1,094 for octokit's GitHub examples (`checkedNodes` reports the
 * count; test/events/stripe-strict.test.ts checks every Stripe fixture against a tenth of it).
 */
export const MAX_CHECKED_NODES = 50_000;

/** The nodes the last {@link checkJsonSchema} call visited (for tests and tuning). */
export let checkedNodes = 0;

/**
 * Checks `value` against the JSON Schema `root` (a name in `defs`), collecting issues with their
 * paths. A subset of JSON Schema 2020-12: the keywords above. `oneOf` is checked as `anyOf`
 * (GitHub's schemas have overlapping branches that a strict `oneOf` would refuse), and of the
 * formats only `date-time` and `email`.
 */
export function checkJsonSchema(
  value: unknown,
  root: string,
  defs: Record<string, unknown>,
): StandardIssue[] {
  const issues: StandardIssue[] = [];
  let nodes = 0;
  let exhausted = false;
  const check = (schema: Schema, data: unknown, path: Path, out: StandardIssue[]): void => {
    if (out.length >= MAX_ISSUES || exhausted) return;
    if (++nodes > MAX_CHECKED_NODES) {
      exhausted = true;
      return;
    }
    if (schema.$ref !== undefined) {
      const target = defs[schema.$ref] as Schema | undefined;
      if (!target) throw new Error(`schema ${root}: no definition ${schema.$ref}`);
      check(target, data, path, out);
    }
    if (schema.type !== undefined && !hasType(schema.type, data)) {
      out.push({
        message: `expected ${[schema.type].flat().join(' or ')}, got ${typeName(data)}`,
        path: [...path],
      });
      return;
    }
    if (schema.enum && !schema.enum.some((allowed) => allowed === data)) {
      out.push({
        message: `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`,
        path: [...path],
      });
    }
    if (schema.const !== undefined && schema.const !== data) {
      out.push({ message: `expected ${JSON.stringify(schema.const)}`, path: [...path] });
    }
    for (const part of schema.allOf ?? []) check(part, data, path, out);
    for (const branches of [schema.anyOf, schema.oneOf]) {
      if (branches) checkBranches(branches, data, path, out);
    }
    if (typeof data === 'string') checkString(schema, data, path, out);
    else if (typeof data === 'number') checkNumber(schema, data, path, out);
    else if (Array.isArray(data)) {
      if (schema.minItems !== undefined && data.length < schema.minItems)
        out.push({ message: `expected at least ${schema.minItems} items`, path: [...path] });
      if (schema.maxItems !== undefined && data.length > schema.maxItems)
        out.push({ message: `expected at most ${schema.maxItems} items`, path: [...path] });
      if (schema.items) {
        for (const [index, item] of data.entries()) check(schema.items, item, [...path, index], out);
      }
    } else if (typeof data === 'object' && data !== null) {
      const record = data as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (out.length >= MAX_ISSUES) return;
        if (!Object.hasOwn(record, key)) out.push({ message: 'required', path: [...path, key] });
      }
      for (const [key, item] of Object.entries(record)) {
        const property =
          schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (property) check(property, item, [...path, key], out);
        else if (schema.additionalProperties === false)
          out.push({ message: 'unexpected property', path: [...path, key] });
        else if (typeof schema.additionalProperties === 'object')
          check(schema.additionalProperties, item, [...path, key], out);
      }
    }
  };
  // None of the branches matches: when exactly one has the data's type (an object where the
  // others are null or a string, as in `X | null`), its own issues say what is wrong, deeper.
  const checkBranches = (branches: Schema[], data: unknown, path: Path, out: StandardIssue[]): void => {
    const near: StandardIssue[][] = [];
    for (const branch of branches) {
      const trial: StandardIssue[] = [];
      check(branch, data, path, trial);
      if (trial.length === 0) return;
      if (trial.some((issue) => (issue.path?.length ?? 0) > path.length)) near.push(trial);
    }
    if (near.length === 1) out.push(...near[0]!.slice(0, MAX_ISSUES - out.length));
    else out.push({ message: 'matches none of the allowed shapes', path: [...path] });
  };
  check({ $ref: root }, value, [], issues);
  checkedNodes = nodes;
  if (exhausted) {
    return [
      { message: `too deeply nested to check (more than ${MAX_CHECKED_NODES} schema nodes)`, path: [] },
    ];
  }
  // A branch's issues or one object's missing fields can go past the bound in one step.
  return issues.slice(0, MAX_ISSUES);
}

// The formats checked: RFC 3339 date-times (JSON Schema's `date-time`) and an address with one @
// (the shape `email` promises, not RFC 5321's grammar). Other formats are not checked.
const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+$/,
};

function checkString(schema: Schema, data: string, path: Path, out: StandardIssue[]): void {
  const format = schema.format === undefined ? undefined : FORMATS[schema.format];
  if (format && !format.test(data)) out.push({ message: `not a valid ${schema.format}`, path: [...path] });
  // JSON Schema counts code points, not UTF-16 units.
  const length = schema.maxLength !== undefined || schema.minLength !== undefined ? [...data].length : 0;
  if (schema.maxLength !== undefined && length > schema.maxLength)
    out.push({ message: `longer than ${schema.maxLength}`, path: [...path] });
  if (schema.minLength !== undefined && length < schema.minLength)
    out.push({ message: `shorter than ${schema.minLength}`, path: [...path] });
}

function checkNumber(schema: Schema, data: number, path: Path, out: StandardIssue[]): void {
  if (schema.minimum !== undefined && data < schema.minimum)
    out.push({ message: `less than ${schema.minimum}`, path: [...path] });
  if (schema.maximum !== undefined && data > schema.maximum)
    out.push({ message: `more than ${schema.maximum}`, path: [...path] });
}

function hasType(type: string | string[], data: unknown): boolean {
  return Array.isArray(type) ? type.some((one) => isType(one, data)) : isType(type, data);
}

function isType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return Number.isInteger(data);
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    default:
      return typeof data === type;
  }
}

function typeName(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  return typeof data;
}
