import { failingPublicUrl, runAdapterConformance } from '@hookgate/testing';
import express from 'express';
import { describe, it } from 'vitest';
import { expressMount, expressTraps } from './express-traps.js';
import { sdkSigners } from './sdk-signers.js';

runAdapterConformance(
  expressMount(express),
  { describe, it },
  {
    signers: sdkSigners,
    nodeLayer: true,
    mountBehindParser: expressMount(express, [express.json()]),
    mountWithFailingPublicUrl: expressMount(express, [], { publicUrl: failingPublicUrl }),
  },
);

describe('Express 5 traps', () => {
  expressTraps(express);
});
