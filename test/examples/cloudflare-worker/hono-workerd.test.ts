import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripe } from '@hookgate/signatures';
import { signDelivery } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { bundleWorker } from '../../../examples/cloudflare-worker/scripts/build.js';
import { expectRecipe, RECIPE_SECRET } from '../../recipes/expect-recipe.js';
import { honoConfig } from './hono-config.js';
import { startWorkerd } from './workerd.js';

describe('@hookgate/hono in workerd', () => {
  it('verifies on Web Crypto; a body read by another middleware is 500 RAW_BODY_UNAVAILABLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookgate-hono-workerd-'));
    await bundleWorker('test/examples/cloudflare-worker/hono-worker.ts', join(dir, 'hono.js'));
    writeFileSync(join(dir, 'config.capnp'), honoConfig);
    const workerd = await startWorkerd(join(dir, 'config.capnp'), ['http'], {
      STRIPE_WEBHOOK_SECRET: RECIPE_SECRET,
    });
    try {
      await expectRecipe(`${workerd.origins.http}/webhooks/stripe`);
      const body = JSON.stringify({ id: 'evt_hono_parsed', type: 'invoice.paid' });
      const { headers } = await signDelivery(stripe({ secret: RECIPE_SECRET }), { body });
      const parsed = await fetch(`${workerd.origins.http}/parsed/stripe`, { method: 'POST', headers, body });
      expect(parsed.status, workerd.logs()).toBe(500);
      expect(await parsed.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
    } finally {
      await workerd.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
