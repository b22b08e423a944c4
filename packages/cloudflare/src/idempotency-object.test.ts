import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DurableObjectStorageLike } from './durable-object-types.js';
import { IdempotencyObject } from './idempotency-object.js';

// The object's request is the store protocol, but an object is reachable by anything bound to
// its namespace (another Worker, another version of this one): whatever the body, it answers a
// described 400 or one of the protocol's answers, never throws, and changes its storage only
// for a well-formed claim, complete or release.

/** A storage that counts writes, as the runtime gives each instance its own. */
function countingStorage() {
  const values = new Map<string, unknown>();
  const writes: string[] = [];
  const storage: DurableObjectStorageLike = {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    async put(key, value) {
      writes.push(`put ${key}`);
      values.set(key, value);
    },
    async delete(key) {
      writes.push(`delete ${key}`);
      return values.delete(key);
    },
    setAlarm: async () => undefined,
  };
  return { storage, writes, values };
}

const post = (body: string) => new Request('https://idempotency.internal/', { method: 'POST', body });

async function answerOf(object: IdempotencyObject, body: string) {
  const response = await object.fetch(post(body));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const operation = fc.oneof(
  fc.record({ op: fc.constant('claim'), leaseMs: fc.integer({ min: 1, max: 60_000 }) }),
  fc.record({
    op: fc.constant('complete'),
    token: fc.string(),
    retainMs: fc.integer({ min: 1, max: 60_000 }),
  }),
  fc.record({ op: fc.constant('release'), token: fc.string() }),
  fc.constant({ op: 'peek' }),
);
/** A well-formed operation with one field changed to something else, or any JSON at all. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc
    .tuple(operation, fc.constantFrom('op', 'leaseMs', 'retainMs', 'token'), fc.jsonValue({ maxDepth: 1 }))
    .map(([op, field, value]) => ({ ...op, [field]: value })),
  fc.record({
    op: fc.constantFrom('CLAIM', 'delete', 'put', '__proto__', 'constructor', ''),
    token: fc.string(),
    leaseMs: fc.nat(),
    retainMs: fc.nat(),
  }),
);

function isWellFormed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  const ttl = (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v);
  switch (o.op) {
    case 'claim':
      return ttl(o.leaseMs);
    case 'complete':
      return typeof o.token === 'string' && ttl(o.retainMs);
    case 'release':
      return typeof o.token === 'string';
    case 'peek':
      return true;
    default:
      return false;
  }
}

describe('IdempotencyObject.fetch', () => {
  it('answers any body that is no well-formed operation with a described 400 and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson.map((value) => JSON.stringify(value)),
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        async (body) => {
          const { storage, writes } = countingStorage();
          const object = new IdempotencyObject({ storage });
          // Something stored, so that a misread release or complete would have a target.
          await object.fetch(post(JSON.stringify({ op: 'claim', leaseMs: 60_000 })));
          writes.length = 0;
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            parsed = undefined;
          }
          fc.pre(!isWellFormed(parsed));
          const { status, json } = await answerOf(object, body);
          expect(status).toBe(400);
          expect(typeof json.error).toBe('string');
          expect(writes).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers every well-formed operation in the protocol, and only a claim, complete or release writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        const { storage, writes } = countingStorage();
        const object = new IdempotencyObject({ storage });
        let token: string | undefined;
        for (const op of operations) {
          // Half the completions and releases use the token of the claim, so that they own it.
          const sent =
            'token' in op && token !== undefined && op.token.length % 2 === 0 ? { ...op, token } : op;
          writes.length = 0;
          const { status, json } = await answerOf(object, JSON.stringify(sent));
          expect(status).toBe(200);
          if (sent.op === 'claim') {
            expect(['claimed', 'in-flight', 'completed']).toContain(json.status);
            if (json.status === 'claimed') token = json.token as string;
          } else if (sent.op === 'peek') {
            expect(typeof json.stored).toBe('boolean');
            expect(writes).toEqual([]);
          } else {
            expect(typeof json.owned).toBe('boolean');
            if (!json.owned) expect(writes).toEqual([]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('regressions: an empty body was a SyntaxError, an unknown op with the token released the claim', async () => {
    const { storage, writes, values } = countingStorage();
    const object = new IdempotencyObject({ storage });
    const claim = await answerOf(object, JSON.stringify({ op: 'claim', leaseMs: 60_000 }));
    writes.length = 0;
    expect((await answerOf(object, '')).status).toBe(400);
    for (const op of ['delete', 'Release', 'complete ']) {
      const answer = await answerOf(object, JSON.stringify({ op, token: claim.json.token, retainMs: 1 }));
      expect(answer.status, op).toBe(400);
    }
    expect(writes).toEqual([]);
    expect(values.get('entry')).toMatchObject({ state: 'claimed', token: claim.json.token });
  });
});
