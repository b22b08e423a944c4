import type { StandardIssue, StandardSchemaV1 } from '@hookgate/core';

/**
 * An event catalogue: each event name a provider documents, with a Standard Schema that types
 * its payload as the provider's own TypeScript types do. Pass it as a receiver's `events`,
 * whole or spread with your own schemas: `{ ...stripeEvents, 'invoice.paid': myStricterSchema }`.
 */
export type Catalogue<TPayloads> = {
  readonly [K in keyof TPayloads]: StandardSchemaV1<unknown, TPayloads[K]>;
};

/** Checks what routing and de-duplication rely on; returns the issues, or none. */
export type EnvelopeCheck = (payload: Record<string, unknown>) => StandardIssue[] | undefined;

/**
 * A schema that checks a payload's envelope (a JSON object, plus `check`) and passes the value
 * through unchanged, typed by the catalogue. Synchronous, so a catalogue costs no turn of the
 * event loop per delivery.
 */
export function createEnvelope(vendor: string, check: EnvelopeCheck): StandardSchemaV1 {
  return {
    '~standard': {
      version: 1,
      vendor,
      validate(value) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { issues: [{ message: 'the payload is not a JSON object' }] };
        }
        const issues = check(value as Record<string, unknown>);
        return issues && issues.length > 0 ? { issues } : { value };
      },
    },
  };
}

/**
 * Builds a catalogue object: one own property per name, all sharing `schema` at run time (the
 * per-event type lives only in `TPayloads`), frozen so that one receiver cannot change another's.
 */
export function createCatalogue<TPayloads>(
  names: readonly string[],
  schema: StandardSchemaV1,
): Catalogue<TPayloads> {
  const catalogue: Record<string, StandardSchemaV1> = {};
  for (const name of names) catalogue[name] = schema;
  return Object.freeze(catalogue) as Catalogue<TPayloads>;
}
