import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type HandleInput, WebhookError, type WebhookErrorCode } from '@hookgate/core';
import {
  CONFORMANCE_MAX_BODY_BYTES,
  type ConformanceReceiver,
  runAdapterConformance,
} from '@hookgate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNextApp, type NextServer, startNextApp } from '../support/next-app.js';
import { startRejectionProxy } from '../support/rejection-proxy.js';
import { listen } from './listen.js';
import { sdkSigners } from './sdk-signers.js';

// A real Next.js app (test/fixtures/next-app) built once and served by `next start`. Its
// routes run the adapters with a bridge receiver that forwards each request, as the adapter
// hands it over, to this process, where the suite's real receivers handle it.
const appDir = fileURLToPath(new URL('../fixtures/next-app', import.meta.url));

const receivers = new Map<string, ConformanceReceiver>();
const runtimes = new Map<string, string>();
let nextOrigin = '';
let next: NextServer | undefined;
let bridge: { origin: string; close(): Promise<void> } | undefined;
let proxy: { origin: string; close(): Promise<void> } | undefined;
let nextId = 0;

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves the bridge: the receiver is chosen by the `receiver` query parameter of the public URL. */
function startBridge() {
  return listen(
    createServer(async (req, res) => {
      const meta = JSON.parse(decodeURIComponent(String(req.headers['x-bridge-meta']))) as HandleInput & {
        runtime: string;
      };
      const body = await readAll(req);
      const id = new URL(meta.url ?? 'http://invalid/').searchParams.get('receiver') ?? '';
      runtimes.set(id, meta.runtime);
      const receiver = receivers.get(id);
      const result = receiver
        ? await receiver.handle({ method: meta.method, url: meta.url, headers: meta.headers, body })
        : { status: 404, headers: {}, body: '' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    }),
  );
}

beforeAll(async () => {
  buildNextApp(appDir, ['packages/signatures/src', 'packages/core/src', 'packages/next/src']);
  bridge = await startBridge();
  next = await startNextApp(appDir, '/api/webhooks', {
    HOOKGATE_BRIDGE_URL: bridge.origin,
    HOOKGATE_MAX_BODY_BYTES: String(CONFORMANCE_MAX_BODY_BYTES),
  });
  nextOrigin = next.origin;
  // The refusal of a throwing publicUrl is made inside `next start`, by the bridge's `reject`:
  // the proxy hands it to the suite's receiver, which reports it to the suite's onError.
  proxy = await startRejectionProxy(
    () => nextOrigin,
    ({ code, message, method, url, target }) => {
      const id = new URL(target, 'http://proxy.invalid').searchParams.get('receiver') ?? '';
      receivers
        .get(id)
        ?.reject(new WebhookError(code as WebhookErrorCode, message), { method, url, headers: {} });
    },
  );
}, 120_000);

afterAll(async () => {
  next?.stop();
  await bridge?.close();
  await proxy?.close();
});

/** Mounts a receiver behind one of the fixture's routes (through the rejection proxy with `viaProxy`). */
function mountAt(route: string, viaProxy = false) {
  return async (receiver: ConformanceReceiver) => {
    const id = `r${++nextId}`;
    receivers.set(id, receiver);
    const origin = viaProxy ? (proxy?.origin ?? '') : nextOrigin;
    return { url: `${origin}/api/${route}?receiver=${id}`, close: async () => void receivers.delete(id) };
  };
}

describe('Next.js App Router route handler (Node.js runtime)', () => {
  runAdapterConformance(
    mountAt('webhooks'),
    { describe, it },
    {
      signers: sdkSigners,
      bodyTimeout: true,
      mountWithFailingPublicUrl: mountAt('failing-url-webhooks', true),
    },
  );
});

describe('Next.js App Router route handler (edge runtime)', () => {
  // Next.js's edge sandbox reads the whole request body before the route runs
  // (next/dist/server/body-streams.js); the 413 still holds. For the same reason no slow body
  // reaches the route before it has all arrived, so the 408 cannot be checked (`bodyTimeout`).
  runAdapterConformance(
    mountAt('edge-webhooks'),
    { describe, it },
    {
      bufferedBody: true,
      signers: sdkSigners,
      mountWithFailingPublicUrl: mountAt('edge-failing-url-webhooks', true),
    },
  );

  it('runs in the edge runtime (and the other route in Node.js)', async () => {
    await fetch(`${nextOrigin}/api/edge-webhooks?receiver=runtime-edge`, { method: 'POST', body: '{}' });
    await fetch(`${nextOrigin}/api/webhooks?receiver=runtime-node`, { method: 'POST', body: '{}' });
    expect(runtimes.get('runtime-edge')).toBe('edge');
    expect(runtimes.get('runtime-node')).toBe('nodejs');
  });
});

describe('Next.js Pages Router API route (bodyParser: false)', () => {
  runAdapterConformance(
    mountAt('pages-webhooks'),
    { describe, it },
    {
      signers: sdkSigners,
      nodeLayer: true,
      mountBehindParser: mountAt('parsed-webhooks'),
      mountWithFailingPublicUrl: mountAt('pages-failing-url-webhooks', true),
    },
  );

  it('answers 500 RAW_BODY_UNAVAILABLE, naming the fix, when the body parser was left on', async () => {
    const id = 'parsed';
    receivers.set(id, {
      maxBodyBytes: CONFORMANCE_MAX_BODY_BYTES,
      handle: () => {
        throw new Error('the receiver must not be reached');
      },
      reject: () => {
        throw new Error('the receiver must not be reached');
      },
      fetch: () => {
        throw new Error('the receiver must not be reached');
      },
    });
    const response = await fetch(`${nextOrigin}/api/parsed-webhooks?receiver=${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"evt_1"}',
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(body.message).toContain('export const config = { api: { bodyParser: false } }');
    expect(runtimes.has(id)).toBe(false);
  });
});
