import { createMemoryStore } from '@hookgate/core';
import { runStoreConformance } from '@hookgate/testing';
import { describe, it } from 'vitest';

describe('createMemoryStore', () => {
  runStoreConformance(() => createMemoryStore(), { describe, it });
});
