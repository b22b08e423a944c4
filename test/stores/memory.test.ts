import { createMemoryStore } from '@hookgate/core';
import { createFakeClock, runStoreConformance } from '@hookgate/testing';
import { describe, it } from 'vitest';

describe('createMemoryStore', () => {
  runStoreConformance(() => createMemoryStore(), { describe, it });
});

describe('createMemoryStore on a fake clock (the suite advances it instead of waiting)', () => {
  const clock = createFakeClock(1_000);
  runStoreConformance(() => createMemoryStore({ now: clock.now }), { describe, it }, { wait: clock.advance });
});
