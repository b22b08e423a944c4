import { failingPublicUrl, runAdapterConformance } from '@hookgate/testing';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { expressMount, expressTraps } from './express-traps.js';
import { sdkSigners } from './sdk-signers.js';

describe('Express 4', () => {
  it('is the Express 4 this test means', async () => {
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('express4/package.json').version as string;
    expect(version.startsWith('4.')).toBe(true);
  });
});

runAdapterConformance(
  expressMount(express4),
  { describe, it },
  {
    signers: sdkSigners,
    nodeLayer: true,
    mountBehindParser: expressMount(express4, [express4.json()]),
    mountWithFailingPublicUrl: expressMount(express4, [], { publicUrl: failingPublicUrl }),
  },
);

describe('Express 4 traps', () => {
  expressTraps(express4);
});
