import { probeType } from './ts-probe.js';

/**
 * The string members of a type written in TypeScript (`Stripe.Event['type']`), read with the
 * compiler from the provider's own declarations, sorted. `imports` are the import lines the
 * expression needs; they resolve from `fromDir` (a package that depends on the provider's types).
 */
export function literalUnion(imports: string, expression: string, fromDir: string): string[] {
  const { checker, type } = probeType(imports, expression, fromDir);
  const members = type.isUnion() ? type.types : [type];
  const names = members.map((member) => {
    if (!member.isStringLiteral())
      throw new Error(`${expression}: ${checker.typeToString(member)} is not a string literal`);
    return member.value;
  });
  return [...new Set(names)].sort();
}
