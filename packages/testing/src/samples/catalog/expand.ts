/** The key of an object that stands for a shared part of a generated example payload. */
const MARKER = '$sample';

/**
 * The example payload whole again: each `{ "$sample": name }` replaced by the shared part of that
 * name, itself expanded (the generator writes large repeated objects once; see
 * scripts/catalogs/github-examples.ts). Returns a fresh object every call.
 */
export function expandExample(node: unknown, shared: Record<string, unknown>): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => expandExample(item, shared));
  const name = (node as Record<string, unknown>)[MARKER];
  if (typeof name === 'string') {
    if (!Object.hasOwn(shared, name))
      throw new Error(`example part ${name} is missing; run npm run catalogs`);
    return expandExample(shared[name], shared);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expandExample(value, shared)]));
}
