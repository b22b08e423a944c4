import { readFileSync } from 'node:fs';
import { createReceiver, type StandardIssue, type StandardSchemaV1 } from '@hookgate/core';
import { strictStripeEvents, stripeApiVersion, stripeEvents } from '@hookgate/events/stripe';
import { stripe } from '@hookgate/signatures';
import { samples, signDelivery } from '@hookgate/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripeSchemaLoaders } from '../../packages/events/src/generated/stripe-schemas/index.js';
import {
  checkedNodes,
  checkJsonSchema,
  MAX_CHECKED_NODES,
} from '../../packages/events/src/json-schema-check.js';
import { stripeSampleObjects } from '../../packages/testing/src/samples/catalog/generated/stripe.js';
import { stripeFixtureSamples } from '../../packages/testing/src/samples/catalog/stripe-fixtures.js';

const SECRET = 'whsec_c3RyaWN0X3N0cmlwZQ==';
const validate = (type: string, value: unknown) =>
  (strictStripeEvents as Record<string, StandardSchemaV1>)[type]!['~standard'].validate(value);
const types = Object.keys(stripeSampleObjects) as (keyof typeof stripeSampleObjects)[];
const payloadOf = (type: keyof typeof stripeSampleObjects) =>
  JSON.parse(stripeFixtureSamples[type]().body) as { data: { object: Record<string, unknown> } };

// The fixtures (stripe/openapi v2436) are older than the types (stripe-node 23.1.0, API version
// 2026-10-28.endive): fields the types require and the fixtures lack are fields stripe-node's
// CHANGELOG lists as added since ("Add support for `a`, `b`, and `c` on `Resource…`").
const changelog = readFileSync(new URL('../../node_modules/stripe/CHANGELOG.md', import.meta.url), 'utf8');
const added = new Set(
  [...changelog.matchAll(/Add support for ((?:`\w+`(?:, | and |, and ))*`\w+`) on `/g)].flatMap(([, names]) =>
    [...names!.matchAll(/`(\w+)`/g)].map(([, name]) => name!),
  ),
);

describe('strictStripeEvents', () => {
  it('accepts the sample of every type with a fixture, but for fields added to Stripe since the fixtures', async () => {
    const unexplained: unknown[] = [];
    const lagging = new Set<string>();
    let whole = 0;
    for (const type of types) {
      const result = await validate(type, payloadOf(type));
      if (!result.issues) whole++;
      for (const issue of result.issues ?? []) {
        const path = issue.path as string[];
        if (issue.message === 'required' && path[0] === 'data' && added.has(path.at(-1)!))
          lagging.add(`${stripeSampleObjects[type]}: ${path.slice(2).join('.')}`);
        else unexplained.push({ type, issue });
      }
    }
    expect(unexplained).toEqual([]);
    expect(whole).toBeGreaterThan(200);
    // The list the events README gives; a newer fixture file shortens it.
    expect([...lagging].sort()).toMatchSnapshot();
  });

  it('refuses an event whose required field has another type, with SCHEMA_MISMATCH and the path', async () => {
    // A field of the object that its type requires and the fixture has, with a value of a JSON
    // type the schema does not allow there.
    const kinds = (schema: Record<string, unknown>, defs: Record<string, unknown>): string[] => {
      const here = typeof schema.$ref === 'string' ? (defs[schema.$ref] as Record<string, unknown>) : schema;
      if (Array.isArray(here.anyOf)) return here.anyOf.flatMap((branch) => kinds(branch, defs));
      if (here.type === undefined) return ['any'];
      return [here.type as string | string[]].flat();
    };
    const cases = await Promise.all(
      types.map(async (type) => {
        const { defs } = await stripeSchemaLoaders[type]!();
        const event = defs.event as {
          properties: { data: { properties: { object: Record<string, unknown> } } };
        };
        let object = event.properties.data.properties.object;
        if (typeof object.$ref === 'string') object = defs[object.$ref] as Record<string, unknown>;
        const fields = ((object.required ?? []) as string[]).filter(
          (field) => field in payloadOf(type).data.object,
        );
        const properties = object.properties as Record<string, Record<string, unknown>>;
        return fields.map((field) => ({ type, field, allowed: kinds(properties[field]!, defs) }));
      }),
    );
    const fields = cases.flat().filter(({ allowed }) => !allowed.includes('any'));
    expect(fields.length).toBeGreaterThan(1000);
    const replacements: [string, unknown][] = [
      ['boolean', true],
      ['string', 'not what Stripe sends'],
      ['number', 42],
      ['array', []],
      ['object', {}],
      ['null', null],
    ];
    const receiver = createReceiver({
      scheme: stripe({ secret: SECRET }),
      events: strictStripeEvents,
      logger: false,
    });
    const handled: string[] = [];
    // A receiver validates the events it has a handler for.
    receiver.onAny((_payload, context) => {
      handled.push(context.eventType);
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.nat(), async ({ type, field, allowed }, pick) => {
        const others = replacements.filter(
          ([kind]) => !allowed.includes(kind) && !(kind === 'number' && allowed.includes('integer')),
        );
        const [, replacement] = others[pick % others.length]!;
        const payload = payloadOf(type);
        payload.data.object[field] = replacement;
        const result = await validate(type, payload);
        expect(result.issues).toContainEqual(
          expect.objectContaining({ path: ['data', 'object', field] }) as StandardIssue,
        );
        const signed = await signDelivery(stripe({ secret: SECRET }), {
          ...stripeFixtureSamples[type](),
          body: JSON.stringify(payload, null, 2),
        });
        const answer = await receiver.handle({ ...signed, body: signed.body as string });
        expect(answer.status, `${type} ${field} ${answer.body}`).toBe(422);
        expect(JSON.parse(answer.body as string)).toMatchObject({ code: 'SCHEMA_MISMATCH' });
        expect(handled).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('lets through fields Stripe adds later, and values of open enums it did not type', async () => {
    const payload = payloadOf('invoice.created') as { data: { object: Record<string, unknown> } };
    payload.data.object.a_field_from_the_future = { nested: [1, 2] };
    // `billing_reason` is an open enum (stripe-node joins it with OtherString); `object` is closed.
    payload.data.object.billing_reason = 'a_reason_from_the_future';
    expect(await validate('invoice.created', payload)).toEqual({ value: payload });
    payload.data.object.object = 'teleported';
    expect((await validate('invoice.created', payload)).issues).toEqual([
      expect.objectContaining({ path: ['data', 'object', 'object'] }),
    ]);
  });

  it('never throws on arbitrary JSON, and stops at 20 issues', async () => {
    const { defs, root } = await stripeSchemaLoaders['invoice.created']!();
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (value, object) => {
        const issues = checkJsonSchema(value, root, defs);
        const nested = checkJsonSchema({ ...payloadOf('invoice.created'), data: { object } }, root, defs);
        return issues.length > 0 && issues.length <= 20 && nested.length > 0 && nested.length <= 20;
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an event of another type under a type’s key', async () => {
    const payload = payloadOf('invoice.created');
    expect((await validate('invoice.paid', payload)).issues).toEqual([
      expect.objectContaining({ path: ['type'] }),
    ]);
  });

  it('refuses an event of another API version as a whole, naming both versions', async () => {
    const payload = { ...payloadOf('invoice.created'), api_version: '2024-06-20' };
    const { issues } = await validate('invoice.created', payload);
    expect(issues).toEqual([expect.objectContaining({ path: ['api_version'] })]);
    expect(issues![0]!.message).toContain('2024-06-20');
    expect(issues![0]!.message).toContain(stripeApiVersion);
    const { api_version: _, ...unversioned } = payload;
    expect((await validate('invoice.created', unversioned)).issues).toEqual([
      expect.objectContaining({ message: expect.stringContaining('no API version') }),
    ]);
    // Through a receiver: 422, so Stripe retries while the endpoint's version is fixed.
    const receiver = createReceiver({
      scheme: stripe({ secret: SECRET }),
      events: strictStripeEvents,
      logger: false,
    });
    receiver.on('invoice.created', () => {});
    const signed = await signDelivery(stripe({ secret: SECRET }), {
      ...samples.stripe['invoice.created'](),
      body: JSON.stringify(payload),
    });
    expect((await receiver.handle({ ...signed, body: signed.body as string })).status).toBe(422);
  });

  it('composes with stripeEvents', async () => {
    const events = { ...stripeEvents, 'invoice.paid': strictStripeEvents['invoice.paid'] };
    const receiver = createReceiver({ scheme: stripe({ secret: SECRET }), events });
    const signed = await signDelivery(stripe({ secret: SECRET }), samples.stripe['invoice.created']());
    expect((await receiver.handle({ ...signed, body: signed.body as string })).status).toBe(200);
  });
});

describe('the JSON Schema check stays bounded', () => {
  it('refuses a payload whose recursive unions would take exponential time, in well under a second', async () => {
    // A balance transaction's `source` is a union of sixteen objects, nine of which hold a
    // `balance_transaction` again: each level of nesting multiplied the work about nine times.
    const { defs } = await stripeSchemaLoaders['charge.succeeded']!();
    const BT = 'BalanceTransactions#BalanceTransaction';
    const table = defs as Record<
      string,
      { properties?: Record<string, { anyOf?: { $ref?: string }[] }>; required?: string[] }
    >;
    const branches = (table[BT]!.properties!.source!.anyOf ?? []).flatMap((branch) =>
      branch.$ref ? [table[branch.$ref]!] : [],
    );
    const sourceRequired = new Set(
      branches
        .filter((branch) => branch.properties?.balance_transaction)
        .flatMap((branch) => branch.required ?? []),
    );
    const nullsFor = (required: Iterable<string>, into: Record<string, unknown>) => {
      for (const key of required) if (!(key in into)) into[key] = null;
      return into;
    };
    const transaction = (depth: number): Record<string, unknown> =>
      nullsFor(table[BT]!.required ?? [], {
        source: nullsFor(sourceRequired, {
          balance_transaction: depth === 0 ? 'txn_1' : transaction(depth - 1),
        }),
      });
    const started = performance.now();
    const issues = checkJsonSchema(transaction(6), BT, defs);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(issues).toEqual([{ message: expect.stringContaining('too deeply nested'), path: [] }]);
  });

  it('checks every Stripe fixture within a tenth of the bound', async () => {
    let most = 0;
    for (const type of types) {
      await validate(type, payloadOf(type));
      most = Math.max(most, checkedNodes);
    }
    // Read from the very checker the catalogue ran (a count of 0 would mean another copy).
    expect(most).toBeGreaterThan(100);
    expect(most).toBeLessThan(MAX_CHECKED_NODES / 10);
  });
});
