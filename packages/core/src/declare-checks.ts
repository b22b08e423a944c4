import { WebhookError } from '@hookgate/signatures';
import type { EventSchemas } from './types.js';

/**
 * Refuses, at registration, a handler that could never run: `on(type)` for a type `events`
 * does not declare would otherwise be answered 200 without running it, and the sender would
 * stop retrying. TypeScript catches it; JavaScript callers get this.
 */
export function assertDeclared(events: EventSchemas, type: string): void {
  if (Object.hasOwn(events, type)) return;
  const declared = Object.keys(events);
  throw new WebhookError(
    'INVALID_CONFIGURATION',
    `on('${type}'): '${type}' is not declared in the receiver's events, so its handler would never run; ` +
      `declare it with a schema (events: { '${type}': z.object({ … }) }) or unchecked<T>(), ` +
      `or use onEvery() for every delivery whatever its type` +
      (declared.length > 0
        ? ` (declared: ${declared.slice(0, 10).join(', ')})`
        : ' (no events are declared)'),
  );
}

/** `onAny` runs for declared events only: on a receiver that declares none it could never run. */
export function assertSomeDeclared(events: EventSchemas): void {
  if (Object.keys(events).length > 0) return;
  throw new WebhookError(
    'INVALID_CONFIGURATION',
    'onAny() runs for the declared events only, and this receiver declares none, so it would never run; ' +
      'declare events (a schema or unchecked<T>() each), or use onEvery() for every delivery whatever its type',
  );
}

/**
 * Refuses, at startup, an `events` entry that is not a schema (a type name, a plain object, a
 * zod 3 schema older than Standard Schema): it would fail its first delivery with a TypeError.
 */
export function assertSchemas(events: EventSchemas): void {
  for (const [type, schema] of Object.entries(events)) {
    const standard = (schema as { '~standard'?: { validate?: unknown } } | null | undefined)?.['~standard'];
    if (typeof standard?.validate === 'function') continue;
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      `events['${type}'] is not a schema: give a zod schema (zod >= 3.24), any Standard Schema (valibot, ArkType, …) or unchecked<T>()`,
    );
  }
}
