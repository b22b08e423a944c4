// A client that goes away mid-body: nobody is left to answer, nothing is lost (the sender
// retries), and it is logged once at warn, the same way on the Node layer (a real node:http
// server, Fastify, Koa), on the web path (`receiver.fetch`) and through Hono on
// @hono/node-server. The frameworks log nothing of it as a failure of their own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createReceiver, type Logger, type WebhookError } from '@hookgate/core';
import { createNodeHandler } from '@hookgate/core/node';
import { hookgatePlugin } from '@hookgate/fastify';
import { createHonoMiddleware } from '@hookgate/hono';
import { createKoaMiddleware } from '@hookgate/koa';
import { stripe } from '@hookgate/signatures';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { rawExchange, requestHead } from './raw-http.js';

const SECRET = 'whsec_client_closed_secret';
const MESSAGE = /client closed the connection before the body arrived/;

interface Line {
  level: keyof Logger;
  fields: Record<string, unknown>;
  message: string;
}

function observed() {
  const lines: Line[] = [];
  const refusals: WebhookError[] = [];
  const method = (level: keyof Logger) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    logger: { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') },
    onError: (error) => void refusals.push(error),
  }).onEvery(() => undefined);
  return { receiver, lines, refusals };
}

async function signed() {
  const body = JSON.stringify({ id: 'evt_gone', type: 'invoice.paid', padding: 'p'.repeat(200) });
  const headers = await stripe({ secret: SECRET }).sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  return { body, headers: headers as Record<string, string> };
}

/** Sends the head and half the body, then destroys the socket without waiting for an answer. */
async function sendHalfThenLeave(port: number, path: string) {
  const { body, headers } = await signed();
  const head = requestHead('POST', path, [
    ['host', '127.0.0.1'],
    ...Object.entries(headers),
    ['content-type', 'application/json'],
    ['content-length', String(body.length)],
  ]);
  const exchange = await rawExchange(port, [Buffer.concat([head, Buffer.from(body.slice(0, 100))])], {
    timeoutMs: 100,
  });
  expect(exchange.timedOut).toBe(true);
  return headers;
}

async function until(check: () => boolean) {
  for (let waited = 0; !check() && waited < 2_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

/** One warn line, no refusal, no header value and no URL in it (a path can carry a token too). */
function expectOneWarning(
  seen: ReturnType<typeof observed>,
  headers: Record<string, string>,
  expected: Record<string, unknown>,
) {
  expect(seen.lines).toHaveLength(1);
  const [line] = seen.lines;
  expect(line).toMatchObject({ level: 'warn', fields: expected });
  expect(line!.message).toMatch(MESSAGE);
  expect(line!.fields.afterMs).toEqual(expect.any(Number));
  expect(Object.keys(line!.fields).sort()).toEqual(['afterMs', 'method', 'provider']);
  expect(seen.refusals).toEqual([]);
  const text = JSON.stringify(seen.lines);
  for (const value of Object.values(headers)) expect(text).not.toContain(value);
  expect(text).not.toContain('token=');
}

const servers: { close: (done: () => void) => unknown }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((done) => server.close(done))));
});

describe('the Node layer', () => {
  it('logs a client gone mid-body once at warn, with its method and no URL, and answers nothing', async () => {
    const seen = observed();
    const server: Server = createServer(createNodeHandler(seen.receiver));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const headers = await sendHalfThenLeave(
      (server.address() as AddressInfo).port,
      '/webhooks/stripe?token=s3cr3t',
    );
    await until(() => seen.lines.length > 0);
    expectOneWarning(seen, headers, { provider: 'stripe', method: 'POST' });
  });
});

describe('Node adapters that answer through answerNodeRequest', () => {
  it("Fastify: logged once at warn by the receiver, no error in Fastify's log", async () => {
    const seen = observed();
    const frameworkLines: { level: number; msg?: string }[] = [];
    const stream = { write: (line: string) => void frameworkLines.push(JSON.parse(line)) };
    const app = Fastify({ logger: { level: 'info', stream } });
    await app.register(hookgatePlugin, { path: '/webhooks/stripe', receiver: seen.receiver });
    await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push({ close: (done) => app.close().then(done) });
    const headers = await sendHalfThenLeave((app.server.address() as AddressInfo).port, '/webhooks/stripe');
    await until(() => seen.lines.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectOneWarning(seen, headers, { provider: 'stripe', method: 'POST' });
    expect(frameworkLines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('Koa: logged once at warn by the receiver, the middleware does not throw', async () => {
    const seen = observed();
    const thrown: unknown[] = [];
    const app = new Koa();
    app.use(async (_ctx, next) => {
      await next().catch((error: unknown) => {
        thrown.push(error);
        throw error;
      });
    });
    app.use(createKoaMiddleware(seen.receiver));
    // Koa reports an aborted request on its own too (on-finished): not hookgate's to change.
    app.on('error', () => undefined);
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const headers = await sendHalfThenLeave((server.address() as AddressInfo).port, '/webhooks/stripe');
    await until(() => seen.lines.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectOneWarning(seen, headers, { provider: 'stripe', method: 'POST' });
    expect(thrown).toEqual([]);
  });
});

describe('a receiver that throws is not a client gone: the framework answers it as a failure', () => {
  /** A wrapper receiver (tenant routing, say) whose `handle` throws after the body was read. */
  function throwing(seen: ReturnType<typeof observed>) {
    return {
      maxBodyBytes: seen.receiver.maxBodyBytes,
      reject: seen.receiver.reject,
      clientClosed: seen.receiver.clientClosed,
      handle: async (): Promise<never> => {
        throw new Error('tenant lookup failed');
      },
    };
  }

  async function post(port: number) {
    const { body, headers } = await signed();
    return fetch(`http://127.0.0.1:${port}/webhooks/stripe`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  }

  it('node:http (createNodeHandler): 500 through receiver.reject, logged at error and given to onError', async () => {
    const seen = observed();
    const server: Server = createServer(createNodeHandler(throwing(seen)));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await post((server.address() as AddressInfo).port);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
    expect(seen.refusals.map((error) => error.code)).toEqual(['INTERNAL_ERROR']);
    expect(seen.lines.map((line) => line.level)).toEqual(['error']);
  });

  it("Fastify: a 500 in Fastify's own log, no client-gone line", async () => {
    const seen = observed();
    const frameworkLines: { level: number; msg?: string }[] = [];
    const stream = { write: (line: string) => void frameworkLines.push(JSON.parse(line)) };
    const app = Fastify({ logger: { level: 'info', stream } });
    await app.register(hookgatePlugin, { path: '/webhooks/stripe', receiver: throwing(seen) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push({ close: (done) => app.close().then(done) });
    const response = await post((app.server.address() as AddressInfo).port);
    expect(response.status).toBe(500);
    expect(frameworkLines.filter((line) => line.level >= 50)).toHaveLength(1);
    expect(seen.lines).toEqual([]);
  });

  it("Koa: the error reaches Koa's error handling (a 500 and the app's 'error' event), no client-gone line", async () => {
    const seen = observed();
    const errors: unknown[] = [];
    const app = new Koa();
    app.use(createKoaMiddleware(throwing(seen)));
    app.on('error', (error: unknown) => void errors.push(error));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const response = await post((server.address() as AddressInfo).port);
    expect(response.status).toBe(500);
    expect(errors).toEqual([expect.objectContaining({ message: 'tenant lookup failed' })]);
    expect(seen.lines).toEqual([]);
  });
});

describe('the web path', () => {
  function streamedRequest(url: string, controller: AbortController, headers: Record<string, string>) {
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        stream = c;
        c.enqueue(new TextEncoder().encode('{"id":"evt_'));
      },
    });
    const request = new Request(url, {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
      // @ts-expect-error Node's Request needs duplex for a streamed body; lib.dom lacks it
      duplex: 'half',
    });
    return { request, fail: (cause: Error) => stream.error(cause) };
  }

  it('receiver.fetch: a body stream cut because the request was aborted is logged once at warn', async () => {
    const seen = observed();
    const { headers } = await signed();
    const controller = new AbortController();
    const { request, fail } = streamedRequest(
      'https://hooks.example.com/stripe?token=s3cr3t',
      controller,
      headers,
    );
    const answering = seen.receiver.fetch(request);
    // What a runtime does when the client goes away: abort the request, fail its body stream.
    controller.abort(new Error('Client connection prematurely closed.'));
    fail(new Error('aborted'));
    await answering;
    expectOneWarning(seen, headers, { provider: 'stripe', method: 'POST' });
  });

  it('receiver.fetch: a body stream that fails while the request is not aborted stays a 500 logged at error', async () => {
    const seen = observed();
    const { headers } = await signed();
    const { request, fail } = streamedRequest(
      'https://hooks.example.com/stripe',
      new AbortController(),
      headers,
    );
    const answering = seen.receiver.fetch(request);
    fail(new Error('the runtime cut the stream'));
    expect((await answering).status).toBe(500);
    expect(seen.lines).toMatchObject([{ level: 'error', fields: { code: 'RAW_BODY_UNAVAILABLE' } }]);
    expect(seen.refusals.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  });

  it('receiver.fetch: a body the app already read stays a misconfiguration (error, onError), client gone or not', async () => {
    const seen = observed();
    const { body, headers } = await signed();
    const controller = new AbortController();
    const request = new Request('https://hooks.example.com/stripe', {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
    });
    await request.text();
    controller.abort(new Error('Client connection prematurely closed.'));
    expect((await seen.receiver.fetch(request)).status).toBe(500);
    expect(seen.lines).toMatchObject([{ level: 'error', fields: { code: 'RAW_BODY_UNAVAILABLE' } }]);
    expect(seen.refusals.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  });

  it('Hono on @hono/node-server: a client gone mid-body is logged once at warn', async () => {
    const seen = observed();
    const app = new Hono().post('/webhooks/stripe', createHonoMiddleware(seen.receiver));
    const port = await new Promise<number>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(info.port),
      );
      servers.push(server);
    });
    const headers = await sendHalfThenLeave(port, '/webhooks/stripe?token=s3cr3t');
    await until(() => seen.lines.length > 0);
    // Let a late second line (an error from the same read) show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectOneWarning(seen, headers, { provider: 'stripe', method: 'POST' });
  });
});
