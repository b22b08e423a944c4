/**
 * The floors of the HTTP figures: what a hand-written receiver does at the least, with
 * `node:crypto` and nothing else (HMAC over the raw bytes, constant-time compare, Stripe's
 * timestamp window). No idempotency, no schema: the cheapest code that is still correct
 * about the signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClaimResult, IdempotencyStore } from '@hookgate/core';
import { SECRETS } from './deliveries.js';
import { countHandled } from './receivers.js';

/** Stripe-Signature `t=…,v1=…` checked against the body: HMAC-SHA256 over `t.body`, 300 s window. */
export function verifyStripeBare(secret: string, header: unknown, body: Buffer): boolean {
  if (typeof header !== 'string') return false;
  let timestamp = '';
  let signature = '';
  for (const item of header.split(',')) {
    if (item.startsWith('t=')) timestamp = item.slice(2);
    else if (item.startsWith('v1=')) signature = item.slice(3);
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  if (signature.length !== expected.length) return false;
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return false;
  return Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
}

/** X-Hub-Signature-256 `sha256=…` checked against the body. */
export function verifyGithubBare(secret: string, header: unknown, body: Buffer): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return expected.length === header.length && timingSafeEqual(Buffer.from(expected), Buffer.from(header));
}

/**
 * De-duplication as a hand-written receiver would add it to a floor: claim and complete the
 * delivery's key in hookgate's memory store (100,000 ids, synchronous). `false` for a repeat.
 * The floors with it show how much of an adapter's gap is de-duplication, which the plain
 * floors leave out and every hookgate variant does.
 */
export function dedupedOnce(store: IdempotencyStore, key: string): boolean {
  const claim = store.claim(key, { leaseMs: 60_000 }) as ClaimResult;
  if (claim.status !== 'claimed') return false;
  store.complete(key, claim.token, { retainMs: 4 * 86_400_000 });
  return true;
}

/**
 * The cheapest de-duplication a hand-written receiver could keep for as many ids as hookgate's
 * memory store (100,000): a plain `Map` with first-in-first-out eviction, no time limits, no
 * LRU bookkeeping. Not a store to ship (a claim never expires, so a crashed handler's delivery
 * stays claimed until evicted); a floor for what remembering that many ids costs in V8 at all,
 * against which `node-layer` sets hookgate's lru-cache store.
 */
export function createPlainMapStore(max = 100_000): IdempotencyStore {
  const entries = new Map<string, string | typeof DONE>();
  const order: string[] = [];
  let oldest = 0;
  let counter = 0;
  return {
    claim(key) {
      const entry = entries.get(key);
      if (entry === DONE) return { status: 'completed' };
      if (entry !== undefined) return { status: 'in-flight' };
      const token = String(++counter);
      entries.set(key, token);
      order.push(key);
      if (entries.size > max) {
        entries.delete(order[oldest]!);
        oldest++;
        // Drop the evicted prefix now and then, so that `order` stays bounded too.
        if (oldest >= max) {
          order.splice(0, oldest);
          oldest = 0;
        }
      }
      return { status: 'claimed', token };
    },
    complete(key, token) {
      if (entries.get(key) !== token) return false;
      entries.set(key, DONE);
      return true;
    },
    release(key, token) {
      if (entries.get(key) === token) entries.delete(key);
    },
  };
}
const DONE = Symbol('done');

/**
 * The bare `node:http` listener of the GitHub figures: read the body, HMAC + constant-time
 * compare, `JSON.parse`; with a `store`, also a claim and a completion keyed by the signature,
 * as hookgate keys GitHub deliveries (their id header is not signed).
 */
export function bareGithubListener(store?: IdempotencyStore) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readNodeBody(request);
    const signature = request.headers['x-hub-signature-256'];
    if (!verifyGithubBare(SECRETS.github, signature, body)) {
      response.writeHead(401).end();
      return;
    }
    JSON.parse(body.toString('utf8'));
    if (store && !dedupedOnce(store, `github:${String(signature)}`)) {
      response.writeHead(409).end();
      return;
    }
    countHandled();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
}

/** The raw body of a Node request, as one Buffer. */
export function readNodeBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
