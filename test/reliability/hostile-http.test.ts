// Hostile requests over real HTTP, per adapter, written byte by byte on raw sockets: random
// request lines and header lines (duplicated, oversized, non-ASCII, injected CR LF), bodies
// chunked at random, Content-Length values that lie, Content-Length with Transfer-Encoding.
// Never a crash or unhandled rejection, never an accepted forgery, and every answer either
// comes from hookgate as `{ ok:false, code, message }` or is one of the few listed answers
// Node's HTTP parser or the framework gives before the adapter runs.
import { createReceiver } from '@hookgate/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyPayload,
  type Body,
  checkPrototypes,
  checkRejection,
  FORGERY_CODES,
  hostileBody,
  watchProcess,
} from './hostile.js';
import { bytesOf, encodeCase, type RawCase, rawCase } from './http-cases.js';
import { chunked, type RawExchange, type RawResponse, rawExchange, requestHead } from './raw-http.js';
import { NOW_MS, NOW_SECONDS, type SchemeCase, schemeCases } from './schemes.js';
import { ADAPTERS, type AdapterName, type RunningServer, startAdapter } from './servers.js';

// 4 adapters × (2,000 random + 500 genuine) = 10,000 requests over HTTP, about 30 s.
const RANDOM_RUNS = 2_000;
const GENUINE_RUNS = 500;
const LIMIT = 64 * 1024;

let cases = 0;
const watcher = watchProcess();
afterAll(async () => {
  watcher.stop();
  await watcher.check();
  console.info(`hostile input over HTTP: ${cases} generated requests`);
  expect(cases).toBeGreaterThanOrEqual(ADAPTERS.length * (RANDOM_RUNS + GENUINE_RUNS));
});

const entries = schemeCases();

/**
 * Why a response that is not hookgate's is acceptable, or `undefined` when it is not. These
 * come before the adapter runs: Node's HTTP parser refusing the request (400, 431 headers too
 * large, 417 an Expect it cannot meet), or the framework's router (or error handler).
 */
function frameworkAnswer(adapter: AdapterName, c: RawCase, response: RawResponse): string | undefined {
  const { status, body } = response;
  if (status === 400 && (body === '' || (adapter === 'fastify' && body.includes('"Client Error"'))))
    return 'Node refused a malformed request';
  if (status === 431) return 'Node refused headers over its 16 KiB limit';
  if (status === 417 && c.headers.some(([name]) => name.toLowerCase() === 'expect'))
    return 'Node refused an Expect';
  if (adapter === 'fastify') {
    // No content-type parser runs on the webhook route (it answers in its onRequest hook), so
    // Fastify's content-type layer never answers for it.
    if (status === 404 && body.includes('not found')) return 'Fastify routes no handler for this method';
  }
  if (
    adapter === 'express' &&
    status === 400 &&
    c.framing === 'long-length' &&
    /aborted|did not match/i.test(body)
  )
    return 'the client gave up before the end of the body (Express error handler)';
  if (adapter === 'next-app' && status === 405 && c.method !== 'POST')
    return 'Next.js answers methods a route does not export';
  return undefined;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks one answer to a request that is not genuinely signed. */
function checkForgeryAnswer(adapter: AdapterName, c: RawCase, exchange: RawExchange, sentBody: number) {
  const [response] = exchange.responses;
  if (!response) {
    // The server stopped reading (413, or bytes after the request it parsed) and closed: the
    // kernel may then reset the connection before the answer is read. Never a hang.
    expect(exchange.timedOut, `no answer and no close: ${JSON.stringify(c).slice(0, 300)}`).toBe(false);
    const unreadBytes = sentBody > LIMIT || ['none', 'short-length', 'both'].includes(c.framing);
    expect(unreadBytes, `closed without an answer: ${JSON.stringify(c).slice(0, 300)}`).toBe(true);
    return 'closed';
  }
  if (response.status < 400)
    throw new Error(`a forgery was accepted over HTTP: ${response.status} ${response.body}`);
  if (c.method === 'HEAD') {
    expect(response.body).toBe('');
    expect([405, 400, 413, 431, 417]).toContain(response.status);
    return `HEAD ${response.status}`;
  }
  const hookgate = safeJson(response.body)?.ok !== undefined;
  if (hookgate) return checkRejection(response.status, response.body, FORGERY_CODES);
  const reason = frameworkAnswer(adapter, c, response);
  if (!reason) {
    throw new Error(
      `${adapter} answered ${response.status} ${JSON.stringify(response.body.slice(0, 200))} to ${JSON.stringify(c).slice(0, 400)}`,
    );
  }
  return reason;
}

describe.each(ADAPTERS)('%s: hostile requests over HTTP', (adapter) => {
  const runs = { handler: 0 };
  const seen = new Map<string, number>();
  let server: RunningServer;

  beforeAll(async () => {
    const receivers = Object.fromEntries(
      entries.map((entry, index) => {
        const receiver = createReceiver({
          scheme: entry.scheme,
          events: { event: anyPayload },
          eventType: () => 'event',
          maxBodyBytes: LIMIT,
          clock: () => NOW_MS,
          // Thousands of refusals: their log lines are tested in hostile-receiver and secret-leaks.
          logger: false,
        });
        receiver.on('event', (_payload, context) => {
          runs.handler++;
          // Per receiver: each has its own store, and bodies of different senders may carry
          // the same id (hostile bodies include `"id":"evt_1"`), which each must run once.
          const key = `${index}:${context.deliveryId}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        });
        return [String(index), receiver];
      }),
    );
    server = await startAdapter(adapter, receivers, { nodeLayer: { bodyTimeoutMs: 5_000 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses random raw requests: no forgery accepted, every answer accounted for', async () => {
    const outcomes = new Map<string, number>();
    const pick = fc
      .nat(entries.length - 1)
      .chain((index) => rawCase(entries[index]!.reads, LIMIT).map((c) => [index, c] as const));
    await fc.assert(
      fc.asyncProperty(pick, async ([index, c]) => {
        cases++;
        const before = runs.handler;
        const { parts, halfClose } = encodeCase(c, `/h/${index}`, `127.0.0.1:${server.port}`);
        const exchange = await rawExchange(server.port, parts, {
          halfClose,
          head: c.method === 'HEAD',
          gapMs: c.split ? 1 : 0,
          timeoutMs: 4_000,
        });
        const outcome = checkForgeryAnswer(adapter, c, exchange, bytesOf(c.body).length);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        expect(runs.handler).toBe(before);
        checkPrototypes();
      }),
      { numRuns: RANDOM_RUNS },
    );
    // Most requests must get past Node's parser, or this would test Node, not hookgate.
    const reachedHookgate = [...outcomes]
      .filter(([key]) => /^[A-Z_]+$/.test(key))
      .reduce((n, [, v]) => n + v, 0);
    console.info(`${adapter}: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(reachedHookgate, JSON.stringify([...outcomes])).toBeGreaterThan(RANDOM_RUNS * 0.25);
  });

  it('accepts genuine deliveries however they are framed (chunked, split, any case) exactly once, and refuses the same signed with the wrong secret', async () => {
    const genuine = fc.record({
      forged: fc.boolean(),
      index: fc.nat(entries.length - 1),
      body: fc.oneof(
        { weight: 3, arbitrary: fc.json({ maxDepth: 2 }) },
        { weight: 1, arbitrary: hostileBody() },
      ),
      framing: fc.constantFrom('length', 'chunked'),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      gap: fc.boolean(),
      lower: fc.boolean(),
      again: fc.boolean(),
    });
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(genuine, async (g) => {
        cases++;
        const entry = entries[g.index]!;
        const path = `/h/${g.index}`;
        const id = `msg_http_${adapter}_${++serial}`;
        const body = entry.form
          ? new URLSearchParams({ Body: String(g.body), MessageSid: id }).toString()
          : (entry.prepare?.(g.body) ?? g.body);
        const signer = g.forged ? entry.forger : entry.scheme;
        const signed = await signer.sign({
          body,
          id,
          timestamp: NOW_SECONDS,
          url: `http://127.0.0.1:${server.port}${path}`,
        });
        const bytes = Buffer.from(bytesOf(body));
        const headers: [string, string][] = [
          ['Host', `127.0.0.1:${server.port}`],
          ['Content-Type', entry.form ? 'application/x-www-form-urlencoded' : 'application/json'],
          ...Object.entries(signed).map(
            ([name, value]) => [g.lower ? name.toLowerCase() : name.toUpperCase(), value] as [string, string],
          ),
          ['Connection', 'close'],
        ];
        const framed = g.framing === 'chunked' ? chunked(bytes, g.cuts) : bytes;
        headers.push(
          g.framing === 'chunked'
            ? ['Transfer-Encoding', 'chunked']
            : ['Content-Length', String(bytes.length)],
        );
        const whole = Buffer.concat([requestHead('POST', path, headers), framed]);
        const points = [...new Set(g.cuts.map((cut) => cut % whole.length))]
          .filter((p) => p > 0)
          .sort((a, b) => a - b);
        const parts = g.gap
          ? [0, ...points].map((start, i) => whole.subarray(start, points[i] ?? whole.length))
          : [whole];
        const before = runs.handler;
        const send = () => rawExchange(server.port, parts, { gapMs: g.gap ? 2 : 0, timeoutMs: 5_000 });
        const exchange = await send();
        const [response] = exchange.responses;
        if (!response) {
          // Over the limit: the server answers 413 and closes without reading the rest, and the
          // reset can beat the answer to the client (Node does no lingering close).
          expect(exchange.timedOut).toBe(false);
          expect(bytes.length, `no answer to a genuine ${entry.label} delivery`).toBeGreaterThan(LIMIT);
          expect(runs.handler).toBe(before);
          return;
        }
        if (g.forged) {
          const code = checkRejection(response.status, response.body, [
            'INVALID_SIGNATURE',
            'PAYLOAD_TOO_LARGE',
          ]);
          if (code === 'PAYLOAD_TOO_LARGE') expect(bytes.length).toBeGreaterThan(LIMIT);
          expect(runs.handler).toBe(before);
          return;
        }
        if (response.status >= 400) {
          // Only a body that is not JSON, or is too large, may be refused; never with a 5xx.
          // (Linear's signed timestamp is inside the body: a body that cannot carry it is malformed.)
          const codes = [
            'INVALID_PAYLOAD',
            'PAYLOAD_TOO_LARGE',
            ...(entry.prepare ? (['MALFORMED_HEADER', 'TIMESTAMP_OUT_OF_RANGE'] as const) : []),
          ] as const;
          const code = checkRejection(response.status, response.body, codes);
          if (code === 'PAYLOAD_TOO_LARGE') expect(bytes.length).toBeGreaterThan(LIMIT);
          if (code === 'INVALID_PAYLOAD') expect(isParseable(body, entry)).toBe(false);
          return;
        }
        expect(response.status).toBeLessThan(300);
        const answer = response.body === '' ? {} : (JSON.parse(response.body) as Record<string, unknown>);
        if (answer.ok === true && answer.duplicate !== true) expect(runs.handler).toBe(before + 1);
        if (g.again) {
          // The same delivery again: acknowledged as a duplicate (or a handshake again), never run twice.
          const [repeat] = (await send()).responses;
          expect(repeat?.status).toBe(response.status);
          expect(runs.handler).toBe(answer.ok === true && answer.duplicate !== true ? before + 1 : before);
        }
      }),
      { numRuns: GENUINE_RUNS },
    );
    for (const [id, count] of seen) expect(count, id).toBe(1);
  });
});

function isParseable(body: Body, entry: SchemeCase): boolean {
  if (entry.form) return true;
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(body)));
    return true;
  } catch {
    return false;
  }
}
