import { stripe } from '@hookgate/signatures';
import { expectTypeOf, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { isProcessLocalStore } from './process-local-store.js';
import { createReceiver } from './receiver.js';
import type { IdempotencyStore } from './store.js';

it('the memory store says what it is, and still fits wherever a store goes', () => {
  const store = createMemoryStore({ singleProcess: true });
  expectTypeOf(store).toEqualTypeOf<MemoryStore>();
  expectTypeOf(store.scope).toEqualTypeOf<'process'>();
  expectTypeOf(store.singleProcess).toEqualTypeOf<boolean>();
  expectTypeOf(store).toExtend<IdempotencyStore>();
  // Read-only markers: a store cannot be talked out of its warning after the fact.
  // @ts-expect-error scope is readonly
  store.scope = 'process';
});

it('a receiver exposes the store it uses, and isProcessLocalStore takes any store', () => {
  const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_types' }) });
  expectTypeOf(receiver.store).toEqualTypeOf<IdempotencyStore>();
  expectTypeOf(isProcessLocalStore).parameter(0).toEqualTypeOf<IdempotencyStore | undefined>();
  expectTypeOf(isProcessLocalStore).returns.toEqualTypeOf<boolean>();
});
