import { relative, sep } from 'node:path';
import ts from 'typescript';
import type { JsonSchema } from './github-spec.js';

/** The schemas of a set of Stripe types: named definitions, grouped by the file declaring them. */
export interface StripeDefs {
  /** Each definition by name (`Checkout/Sessions#Session.CustomerDetails`). */
  defs: Map<string, JsonSchema>;
  /** The definitions each definition refers to directly. */
  refs: Map<string, Set<string>>;
}

/**
 * Converts stripe-node's TypeScript declarations of API objects into the JSON Schema subset that
 * packages/events/src/json-schema-check.ts evaluates, the way the API sends them as JSON:
 * - an interface declared in the package becomes a named definition (`$ref`), the properties
 *   without `?` required; unknown extra properties pass (Stripe adds fields without a new version);
 * - `| null` allows null; a union of string literals is an enum, unless it is joined with
 *   `OtherString` (stripe-node's mark of an open enum, to which Stripe may add values: a string);
 * - an expandable field (`string | Stripe.Customer`) is either, an array is its items,
 *   `Stripe.Metadata` (an index signature) is a record of strings, `Stripe.Decimal` a decimal string;
 * - the types of `Events.d.ts` (each event and its `Data`) are written inline, not as definitions,
 *   and `Partial<T>` (`previous_attributes`) is any object.
 */
export function createStripeSchemaWalk(checker: ts.TypeChecker, packageDir: string) {
  const defs = new Map<string, JsonSchema>();
  const refs = new Map<string, Set<string>>();
  let current: Set<string> | undefined;

  const fileOf = (symbol: ts.Symbol): string | undefined => {
    const file = symbol.declarations?.[0]?.getSourceFile().fileName;
    if (!file?.startsWith(packageDir)) return undefined;
    return relative(packageDir, file)
      .split(sep)
      .join('/')
      .replace(/^(cjs|esm)\/(resources\/)?/, '')
      .replace(/\.d\.ts$/, '');
  };

  /** The definition name of a named, non-generic interface of the package (not of Events.d.ts). */
  const defName = (type: ts.Type): string | undefined => {
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Interface)) return undefined;
    if ((type as ts.InterfaceType).typeParameters?.length || (type as ts.TypeReference).typeArguments?.length)
      return undefined;
    const file = fileOf(symbol);
    if (file === undefined || file === 'Events') return undefined;
    const qualified = checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, '');
    return `${file}#${qualified}`;
  };

  const object = (type: ts.Type, depth: number): JsonSchema => {
    if (
      type.aliasSymbol?.name === 'Partial' ||
      ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0
    )
      return { type: 'object' };
    const name = defName(type);
    if (name !== undefined) {
      current?.add(name);
      if (!defs.has(name)) {
        defs.set(name, {});
        const outer = current;
        current = new Set();
        refs.set(name, current);
        defs.set(name, shape(type, depth));
        current = outer;
      }
      return { $ref: name };
    }
    return shape(type, depth);
  };

  const shape = (type: ts.Type, depth: number): JsonSchema => {
    if (depth > 40) throw new Error(`a Stripe type nests too deep: ${checker.typeToString(type)}`);
    const index = checker.getIndexInfosOfType(type)[0];
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const value = checker.getTypeOfSymbol(property);
      // `deleted?: void`: a property the object never has (its deleted form has `deleted: true`).
      const absent = ts.TypeFlags.Void | ts.TypeFlags.Undefined;
      const members = value.isUnion() ? value.types : [value];
      if (value.getCallSignatures().length > 0 || members.every((member) => member.flags & absent)) continue;
      try {
        properties[property.name] = toSchema(value, depth + 1);
      } catch (error) {
        throw new Error(`${checker.typeToString(type)}.${property.name}: ${(error as Error).message}`);
      }
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const out: JsonSchema = { type: 'object' };
    if (Object.keys(properties).length > 0) out.properties = properties;
    if (required.length > 0) out.required = required;
    if (index) out.additionalProperties = toSchema(index.type, depth + 1);
    return out;
  };

  // stripe-node's `Decimal` is a decimal string on the wire (`"unit_amount_decimal": "2000"`).
  const isDecimal = (type: ts.Type) =>
    type.aliasSymbol?.name === 'Decimal' && fileOf(type.aliasSymbol) !== undefined;

  const toSchema = (type: ts.Type, depth: number): JsonSchema => {
    if (isDecimal(type)) return { type: 'string' };
    const members = type.isUnion() ? type.types : [type];
    const types = new Set<string>();
    const literals: string[] = [];
    const branches: JsonSchema[] = [];
    let open = false;
    for (const member of members) {
      const flags = member.flags;
      if (flags & ts.TypeFlags.Undefined) continue;
      if (isDecimal(member)) open = true;
      else if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
      else if (flags & ts.TypeFlags.Null) types.add('null');
      else if (flags & ts.TypeFlags.StringLiteral) literals.push((member as ts.StringLiteralType).value);
      else if (flags & ts.TypeFlags.String || isOpenString(member)) open = true;
      else if (flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) types.add('number');
      else if (flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) types.add('boolean');
      else if (checker.isArrayType(member) || checker.isTupleType(member)) {
        const [item] = checker.getTypeArguments(member as ts.TypeReference);
        branches.push(item ? { type: 'array', items: toSchema(item, depth + 1) } : { type: 'array' });
      } else if (flags & ts.TypeFlags.Object) branches.push(object(member, depth));
      else if (flags & ts.TypeFlags.Intersection) branches.push({ type: 'object' });
      else throw new Error(`no schema for the Stripe type ${checker.typeToString(member)}`);
    }
    if (open || literals.length > 0) types.add('string');
    const simple: JsonSchema = types.size === 1 ? { type: [...types][0] } : { type: [...types].sort() };
    // A closed enum: only these strings (and null, if the type allows it).
    if (!open && literals.length > 0)
      simple.enum = [...literals.sort(), ...(types.has('null') ? [null] : [])];
    if (branches.length === 0) return simple;
    const all = types.size > 0 ? [simple, ...branches] : branches;
    return all.length === 1 ? all[0]! : { anyOf: all };
  };

  return {
    /** The schema of `type`, adding the named definitions it uses to `defs`. */
    schema(type: ts.Type): { schema: JsonSchema; uses: Set<string> } {
      const uses = new Set<string>();
      current = uses;
      const schema = toSchema(type, 0);
      current = undefined;
      return { schema, uses };
    },
    result: (): StripeDefs => ({ defs, refs }),
  };
}

/** stripe-node's `OtherString` (`string & Record<never, never>`): any string. */
function isOpenString(type: ts.Type): boolean {
  return type.isIntersection() && type.types.some((part) => (part.flags & ts.TypeFlags.String) !== 0);
}
