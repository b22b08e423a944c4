// Resource bounds per adapter: a 100 MiB body is refused with 413 after the server read about
// the limit (counted by the server socket's native `bytesRead`, and by the chunks the web
// stream gave up for receiver.fetch); a body dripping in at one byte a second is cut off by
// the read time limit each adapter offers.
import { connect } from 'node:net';
import { getDefaultHighWaterMark } from 'node:stream';
import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { afterAll, describe, expect, it } from 'vitest';
import { anyPayload, checkRejection, watchProcess } from './hostile.js';
import { parseResponses, type RawResponse } from './raw-http.js';
import {
  ADAPTERS,
  type AdapterName,
  type RunningServer,
  type ServerSettings,
  startAdapter,
} from './servers.js';

const LIMIT = 1_048_576;
const HUNDRED_MIB = 100 * 1024 * 1024;
/**
 * What a server may read past the limit: the 64 KiB socket read in flight, a few stream
 * buffers of the default size (16 KiB up to Node 20, 64 KiB since Node 22, so 128 KiB on
 * Node 20 and 320 KiB on Node 22 and 24), and the request head plus the chunk-size lines of a
 * chunked upload, which `socket.bytesRead` counts too (one loaded run on Node 20 read 117 bytes
 * past 128 KiB). Still a bound of buffers, never of the body.
 */
const SLACK = 64 * 1024 + 4 * getDefaultHighWaterMark(false) + 16 * 1024;

const watcher = watchProcess();
afterAll(async () => {
  watcher.stop();
  await watcher.check();
});

function receiver() {
  let runs = 0;
  const r = createReceiver({
    scheme: stripe({ secret: 'whsec_resource_bounds' }),
    events: { event: anyPayload },
    eventType: () => 'event',
    maxBodyBytes: LIMIT,
  });
  r.on('event', () => {
    runs++;
  });
  return { receiver: r, runs: () => runs };
}

interface Upload {
  response: RawResponse | undefined;
  /** Bytes the client managed to hand to its kernel before the server stopped it. */
  written: number;
  ms: number;
}

/**
 * Streams a 100 MiB body (declared with Content-Length, or chunked) as fast as the server
 * takes it, until the server answers or closes.
 */
async function upload(port: number, framing: 'length' | 'chunked'): Promise<Upload> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let received = Buffer.alloc(0);
  let closed = false;
  socket.on('data', (data: Buffer) => {
    received = Buffer.concat([received, data]);
  });
  socket.on('close', () => {
    closed = true;
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  const declared = framing === 'length' ? `Content-Length: ${HUNDRED_MIB}` : 'Transfer-Encoding: chunked';
  socket.write(
    `POST /h/r HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${declared}\r\n\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const framed =
    framing === 'chunked' ? Buffer.concat([Buffer.from('10000\r\n'), chunk, Buffer.from('\r\n')]) : chunk;
  let written = 0;
  const answered = () => parseResponses(received).responses.length > 0;
  while (written < HUNDRED_MIB && !closed && !answered() && Date.now() - started < 20_000) {
    written += chunk.length;
    if (!socket.write(framed)) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 100);
        socket.once('drain', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
  }
  // Give a late answer a moment, then hang up.
  for (let i = 0; i < 50 && !answered() && !closed; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  return { response: parseResponses(received).responses[0], written, ms: Date.now() - started };
}

describe.each(ADAPTERS)('%s: a 100 MiB body', (adapter) => {
  it.each(['length', 'chunked'] as const)(
    'is refused with 413 after the server read about the 1 MiB limit (%s)',
    async (framing) => {
      const { receiver: r, runs } = receiver();
      const server = await startAdapter(adapter, { r });
      try {
        const result = await upload(server.port, framing);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const serverRead = server.sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
        console.info(
          `${adapter} ${framing}: server read ${serverRead} bytes, client wrote ${result.written}`,
        );
        expect(result.response?.status, `${adapter} ${framing}: ${JSON.stringify(result)}`).toBe(413);
        expect(checkRejection(413, result.response!.body)).toBe('PAYLOAD_TOO_LARGE');
        // Declared too large: refused before reading the body; streamed: stopped at the limit.
        expect(serverRead).toBeLessThanOrEqual((framing === 'length' ? 0 : LIMIT) + SLACK);
        expect(result.written).toBeLessThan(HUNDRED_MIB / 4);
        expect(runs()).toBe(0);
      } finally {
        await server.close();
      }
    },
  );
});

describe('receiver.fetch (Next.js App Router, Hono, Workers): a 100 MiB streamed body', () => {
  /** A lazily generated body that counts what the reader pulled. */
  function countingRequest(declare: boolean) {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= HUNDRED_MIB) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declare) headers['content-length'] = String(HUNDRED_MIB);
    const request = new Request('https://hooks.example.com/h', {
      method: 'POST',
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    return { request, pulled: () => pulled };
  }

  it.each([true, false])(
    'is refused with 413 after pulling at most the limit and one chunk (Content-Length: %s)',
    async (declare) => {
      const { receiver: r, runs } = receiver();
      const { request, pulled } = countingRequest(declare);
      const response = await r.fetch(request);
      expect(response.status).toBe(413);
      expect(checkRejection(413, await response.text())).toBe('PAYLOAD_TOO_LARGE');
      // The stream's own queue may hold one chunk ahead of the reader.
      expect(pulled()).toBeLessThanOrEqual(declare ? 2 * 64 * 1024 : LIMIT + 2 * 64 * 1024);
      expect(runs()).toBe(0);
    },
  );
});

/**
 * A request that sends its head and then one body byte a second, forever; resolves with the
 * first response and how long it took, or with nothing after `waitMs`.
 */
async function drip(
  port: number,
  waitMs: number,
): Promise<{ response?: RawResponse; ms: number; closed: boolean }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let received = Buffer.alloc(0);
  let closed = false;
  const started = Date.now();
  socket.on('data', (data: Buffer) => {
    received = Buffer.concat([received, data]);
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    'POST /h/r HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
  );
  const timer = setInterval(() => socket.write('1'), 1000);
  return new Promise((resolve) => {
    const done = () => {
      clearInterval(timer);
      clearTimeout(limit);
      socket.destroy();
      resolve({ response: parseResponses(received).responses[0], ms: Date.now() - started, closed });
    };
    const limit = setTimeout(done, waitMs);
    socket.on('data', () => {
      if (parseResponses(received).responses.length > 0) done();
    });
    socket.on('close', () => {
      closed = true;
      done();
    });
  });
}

describe('a body dripping in at one byte a second', () => {
  const TIME_LIMIT = 1_500;
  // Node checks its requestTimeout every connectionsCheckingInterval (30 s by default).
  const node = { requestTimeout: TIME_LIMIT, connectionsCheckingInterval: 200 };
  // Every adapter on @hookgate/core/node takes the same option.
  const nodeLayer = { bodyTimeoutMs: TIME_LIMIT };
  const recommended: Record<
    AdapterName,
    { settings: ServerSettings; how: string; code: string | undefined }
  > = {
    express: { settings: { nodeLayer }, how: 'bodyTimeoutMs', code: 'BODY_READ_TIMEOUT' },
    fastify: { settings: { nodeLayer }, how: 'bodyTimeoutMs', code: 'BODY_READ_TIMEOUT' },
    'next-pages': { settings: { nodeLayer }, how: 'bodyTimeoutMs', code: 'BODY_READ_TIMEOUT' },
    'next-app': { settings: { node }, how: "Node's requestTimeout", code: undefined },
  };
  let servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('is cut off with 408 by each adapter’s recommended read limit, and nothing runs', async () => {
    const started = await Promise.all(
      ADAPTERS.map(async (adapter) => {
        const { receiver: r, runs } = receiver();
        const server = await startAdapter(adapter, { r }, recommended[adapter].settings);
        return { adapter, server, runs };
      }),
    );
    servers = started.map(({ server }) => server);
    const results = await Promise.all(started.map(({ server }) => drip(server.port, TIME_LIMIT + 2_500)));
    for (const [index, { adapter, runs }] of started.entries()) {
      const result = results[index]!;
      const { how, code } = recommended[adapter];
      expect(result.response?.status, `${adapter} (${how}): ${JSON.stringify(result)}`).toBe(408);
      expect(result.ms).toBeGreaterThanOrEqual(TIME_LIMIT - 50);
      expect(result.ms).toBeLessThan(TIME_LIMIT + 1_500);
      if (code) expect(checkRejection(408, result.response!.body)).toBe(code);
      expect(runs()).toBe(0);
    }
  });
});
