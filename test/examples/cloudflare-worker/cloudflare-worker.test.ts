import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDurableObjectStore } from '@hookgate/cloudflare';
import { stripe } from '@hookgate/signatures';
import { runStoreConformance, signDelivery } from '@hookgate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../../examples/cloudflare-worker/scripts/build.js';
import { freePort } from '../../redis/redis-support.js';
import { startExample } from '../example-process.js';
import { storeTestConfig } from './test-config.js';
import { startWorkerd, type Workerd } from './workerd.js';

const example = fileURLToPath(new URL('../../../examples/cloudflare-worker/', import.meta.url));
const secret = 'whsec_workerd_example';
const dir = mkdtempSync(join(tmpdir(), 'hookgate-workerd-'));
let workerd: Workerd;

beforeAll(async () => {
  await bundleWorker('examples/cloudflare-worker/src/worker.ts', join(dir, 'worker.js'));
  await bundleWorker('test/examples/cloudflare-worker/store-proxy.ts', join(dir, 'proxy.js'));
  writeFileSync(join(dir, 'config.capnp'), storeTestConfig());
  workerd = await startWorkerd(join(dir, 'config.capnp'), ['http', 'store'], {
    STRIPE_WEBHOOK_SECRET: secret,
  });
});

afterAll(async () => {
  await workerd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function send(id: string, options: { timestamp?: number; tamper?: boolean } = {}) {
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const { headers } = await signDelivery(stripe({ secret }), { body, timestamp: options.timestamp });
  return fetch(`${workerd.origins.http}/webhooks/stripe`, {
    method: 'POST',
    headers,
    body: options.tamper ? body.replace('evt_', 'evt-') : body,
  });
}

describe('examples/cloudflare-worker in workerd', () => {
  it('handles a signed delivery once, acknowledges its duplicate, refuses tampered and stale ones', async () => {
    const first = await send('evt_workerd_1');
    expect(await first.json(), workerd.logs()).toEqual({ ok: true, received: 'evt_workerd_1' });
    const duplicate = await send('evt_workerd_1');
    expect(await duplicate.json()).toEqual({ ok: true, duplicate: true });

    const tampered = await send('evt_workerd_2', { tamper: true });
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    const stale = await send('evt_workerd_3', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(await stale.json()).toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    // Neither refusal claimed its id: the genuine delivery still runs.
    expect(await (await send('evt_workerd_2')).json()).toEqual({ ok: true, received: 'evt_workerd_2' });
  });

  it('runs each of many concurrent copies of one delivery once (409 for the copies in flight)', async () => {
    const statuses = await Promise.all(Array.from({ length: 6 }, () => send('evt_workerd_concurrent')));
    const bodies = await Promise.all(statuses.map((response) => response.json()));
    expect(bodies.filter((body) => (body as { received?: string }).received)).toHaveLength(1);
    for (const response of statuses) expect([200, 409]).toContain(response.status);
  });

  it('the example config itself starts (secret from the environment, Durable Object in memory)', async () => {
    const exampleDir = mkdtempSync(join(tmpdir(), 'hookgate-workerd-example-'));
    try {
      copyFileSync(join(example, 'config.capnp'), join(exampleDir, 'config.capnp'));
      await bundleWorker('examples/cloudflare-worker/src/worker.ts', join(exampleDir, 'dist', 'worker.js'));
      const own = await startWorkerd(join(exampleDir, 'config.capnp'), ['http'], {
        STRIPE_WEBHOOK_SECRET: secret,
      });
      try {
        const body = JSON.stringify({ id: 'evt_example_config', type: 'invoice.paid' });
        const { headers } = await signDelivery(stripe({ secret }), { body });
        const response = await fetch(`${own.origins.http}/webhooks/stripe`, {
          method: 'POST',
          headers,
          body,
        });
        expect(response.status, own.logs()).toBe(200);
      } finally {
        await own.stop();
      }
    } finally {
      rmSync(exampleDir, { recursive: true, force: true });
    }
  });
});

describe('examples/cloudflare-worker as `npm start` runs it (scripts/serve.ts)', () => {
  it('serves the Worker on PORT, and SIGTERM stops workerd too, freeing the port', async () => {
    const port = await freePort();
    const serve = startExample('examples/cloudflare-worker/scripts/serve.ts', {
      PORT: String(port),
      STRIPE_WEBHOOK_SECRET: secret,
    });
    const url = `http://127.0.0.1:${port}/webhooks/stripe`;
    try {
      await serve.waitFor(/Listening on/);
      expect(serve.output()).toContain('with STRIPE_WEBHOOK_SECRET from the environment');
      expect(serve.output()).not.toContain(secret);
      const body = JSON.stringify({ id: 'evt_example_serve', type: 'invoice.paid' });
      const { headers } = await signDelivery(stripe({ secret }), { body });
      const response = await fetch(url, { method: 'POST', headers, body });
      expect(await response.json(), serve.output()).toEqual({ ok: true, received: 'evt_example_serve' });
    } catch (error) {
      await serve.stop('SIGTERM');
      serve.killGroup();
      throw error;
    }
    try {
      expect(await serve.stop('SIGTERM')).toBe(0);
      // Nothing answers any more: workerd left with the process that started it.
      await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      // A workerd that outlived it (the check above failed) must not keep the port.
      serve.killGroup();
    }
  });
});

describe('Durable Object idempotency store in workerd', () => {
  it('deletes an entry once it expires (its alarm), so idle objects keep no storage', async () => {
    const name = `alarm-${Math.random().toString(36).slice(2)}`;
    const send = async (operation: object) =>
      (
        await fetch(`${workerd.origins.store}/?name=${name}`, {
          method: 'POST',
          body: JSON.stringify(operation),
        })
      ).json();
    expect(await send({ op: 'claim', leaseMs: 100 })).toMatchObject({ status: 'claimed' });
    expect(await send({ op: 'peek' })).toEqual({ stored: true });
    let stored = true;
    for (let i = 0; i < 40 && stored; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = ((await send({ op: 'peek' })) as { stored: boolean }).stored;
    }
    expect(stored).toBe(false);
  });

  // The example's own store client, its requests carried from Node to workerd by the proxy.
  runStoreConformance(
    (namespace) =>
      createDurableObjectStore({
        prefix: `${namespace}:`,
        namespace: {
          idFromName: (name: string) => name,
          get: (name: string) => ({
            fetch: async (request: Request) =>
              fetch(`${workerd.origins.store}/?name=${encodeURIComponent(name)}`, {
                method: 'POST',
                body: await request.text(),
              }),
          }),
        },
      }),
    { describe, it },
  );
});
