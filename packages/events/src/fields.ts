import type { StandardIssue } from '@hookgate/core';

/** A member of a parsed JSON object, if it is one. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'object' && found !== null && !Array.isArray(found)
    ? (found as Record<string, unknown>)
    : undefined;
}

type Kind = 'string' | 'number' | 'object';

/**
 * Collects an issue for each `[path, kind]` whose value is missing or of another kind; paths
 * are dotted (`data.object.id`). `undefined` when every field is there.
 */
export function requireFields(
  payload: Record<string, unknown>,
  fields: readonly (readonly [string, Kind])[],
): StandardIssue[] | undefined {
  const issues: StandardIssue[] = [];
  for (const [path, kind] of fields) {
    const parts = path.split('.');
    let value: unknown = payload;
    for (const part of parts) {
      value =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    }
    const ok =
      kind === 'object'
        ? typeof value === 'object' && value !== null && !Array.isArray(value)
        : kind === 'string'
          ? typeof value === 'string' && value !== ''
          : typeof value === 'number' && Number.isFinite(value);
    if (!ok)
      issues.push({
        message: `expected ${kind === 'object' ? 'an object' : `a ${kind}`}`,
        path: parts,
      });
  }
  return issues.length > 0 ? issues : undefined;
}
