import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { WebhookError } from '@hookgate/signatures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf } from './http-policy.js';
import { createNodeHandler } from './node-answer.js';
import { readNodeBody } from './node-body.js';

const LIMIT = 1_024;
const results: (Uint8Array | WebhookError | Error)[] = [];
let server: Server;
let port = 0;

/** Reads every request with readNodeBody (timeout 300 ms) and records what it gave. */
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    if (req.url === '/consumed') req.resume();
    const read = () =>
      readNodeBody(req, { maxBodyBytes: LIMIT, timeoutMs: 300 }).then(
        (body) => body,
        (error: Error) => error,
      );
    // '/late': an async middleware runs first; '/paused': something paused the stream.
    if (req.url === '/paused') req.pause();
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(read);
    const reading =
      req.url === '/consumed'
        ? once(req, 'end').then(read)
        : req.url === '/late'
          ? later(150)
          : req.url === '/paused'
            ? later(50)
            : read();
    reading.then((result) => {
      results.push(result);
      res.writeHead(200, result instanceof WebhookError ? { connection: 'close' } : {}).end();
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/**
 * Sends raw HTTP/1.1 bytes, piece by piece (`everyMs` apart, or a turn of the event loop), and
 * resolves with what the server read and how many pieces were written before it answered.
 */
async function send(head: string, pieces: Uint8Array[], options: { url?: string; everyMs?: number } = {}) {
  const count = results.length;
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.on('error', () => undefined);
  socket.write(`POST ${options.url ?? '/'} HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n`);
  let written = 0;
  for (const piece of pieces) {
    if (results.length > count) break;
    socket.write(piece);
    written++;
    await new Promise((resolve) =>
      options.everyMs ? setTimeout(resolve, options.everyMs) : setImmediate(resolve),
    );
  }
  while (results.length === count) await new Promise((resolve) => setTimeout(resolve, 2));
  socket.destroy();
  return { result: results[count]!, written };
}

/** `body` split at `cuts`, in HTTP/1.1 chunked framing. */
function chunked(body: Uint8Array, cuts: number[]): Uint8Array[] {
  const bounds = [0, ...cuts.map((cut) => cut % (body.length + 1)).sort((a, b) => a - b), body.length];
  const pieces: Uint8Array[] = [];
  for (let i = 1; i < bounds.length; i++) {
    const part = body.subarray(bounds[i - 1], bounds[i]);
    if (part.length === 0) continue;
    pieces.push(Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]));
  }
  pieces.push(Buffer.from('0\r\n\r\n'));
  return pieces;
}

describe('readNodeBody', () => {
  it('gives the exact bytes of a body within the limit, and 413 for one over it, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        // The length drawn on its own: fast-check's arrays stay small, and sizes near and past
        // the limit are the point.
        fc.integer({ min: 0, max: 3 * LIMIT }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        async (length, pattern, cuts, declared) => {
          const body = Uint8Array.from({ length }, (_, i) => pattern[i % pattern.length]!);
          const { result } = declared
            ? await send(`content-length: ${body.length}\r\n`, body.length ? [body] : [])
            : await send('transfer-encoding: chunked\r\n', chunked(body, cuts));
          if (body.length <= LIMIT) expect(Buffer.from(result as Uint8Array)).toEqual(Buffer.from(body));
          else expect((result as WebhookError).code).toBe('PAYLOAD_TOO_LARGE');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a chunked body as soon as it passes the limit, without reading the rest', async () => {
    // One 64 KiB chunk announced, then its data trickling in 256 bytes at a time.
    const head = Buffer.from(`${(64 * LIMIT).toString(16)}\r\n`);
    const piece = new Uint8Array(256).fill(0x61);
    const { result, written } = await send(
      'transfer-encoding: chunked\r\n',
      [head, ...Array(256).fill(piece)],
      {
        everyMs: 1,
      },
    );
    expect((result as WebhookError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(written).toBeLessThan(LIMIT / 256 + 10);
  });

  it('answers 408 BODY_READ_TIMEOUT when the body never comes after the headers', async () => {
    const started = Date.now();
    const { result } = await send('content-length: 10\r\n', []);
    expect((result as WebhookError).code).toBe('BODY_READ_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 408 BODY_READ_TIMEOUT for a slow drip, even though bytes keep coming', async () => {
    const drip = Array.from({ length: 100 }, () => Uint8Array.of(0x61));
    const { result, written } = await send('content-length: 100\r\n', drip, { everyMs: 20 });
    expect(written).toBeLessThan(100);
    expect((result as WebhookError).code).toBe('BODY_READ_TIMEOUT');
  });

  it('refuses a body something else already read with 500 RAW_BODY_UNAVAILABLE', async () => {
    const { result } = await send('content-length: 2\r\n', [Buffer.from('{}')], { url: '/consumed' });
    expect((result as WebhookError).code).toBe('RAW_BODY_UNAVAILABLE');
    expect(httpStatusOf(result as WebhookError)).toBe(500);
  });

  /** Writes `request`, leaves `afterMs` later and resolves with what the read gave and how long after. */
  async function leaveAfter(request: string, afterMs: number) {
    const count = results.length;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    socket.destroy();
    const left = Date.now();
    while (results.length === count) await new Promise((resolve) => setTimeout(resolve, 2));
    return { result: results[count], waited: Date.now() - left };
  }

  it('rejects when the client goes away mid-body (there is no one to answer)', async () => {
    const { result } = await leaveAfter('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nabc', 50);
    expect(result).toBeInstanceOf(Error);
    expect(result).not.toBeInstanceOf(WebhookError);
  });

  it('rejects at once when the client left before the read started (its stream emits no more)', async () => {
    const request = 'POST /late HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nhello';
    const { result, waited } = await leaveAfter(request, 30);
    // The read starts 150 ms in: well before its 300 ms time limit, so it did not wait for it.
    expect(waited).toBeLessThan(250);
    expect(result).toBeInstanceOf(Error);
    expect(result).not.toBeInstanceOf(WebhookError);
  });

  it('reads the whole body of a request something paused before hookgate saw it', async () => {
    const { result } = await send('content-length: 5\r\n', [Buffer.from('hello')], { url: '/paused' });
    expect(Buffer.from(result as Uint8Array).toString()).toBe('hello');
  });
});

describe('createNodeHandler', () => {
  it('closes the connection after a refusal that left the body unread, and only then', async () => {
    const receiver = {
      maxBodyBytes: LIMIT,
      handle: async () => ({ status: 401, headers: { 'content-type': 'application/json' }, body: '{}' }),
      reject: (error: WebhookError) => ({ status: httpStatusOf(error), headers: {}, body: error.code }),
    };
    const node = createServer(createNodeHandler(receiver, { bodyTimeoutMs: 300 })).listen(0, '127.0.0.1');
    await once(node, 'listening');
    const url = `http://127.0.0.1:${(node.address() as AddressInfo).port}/`;
    try {
      const small = await fetch(url, { method: 'POST', body: 'x' });
      expect([small.status, small.headers.get('connection')]).toEqual([401, 'keep-alive']);
      const large = await fetch(url, { method: 'POST', body: 'x'.repeat(LIMIT + 1) });
      expect([large.status, large.headers.get('connection'), await large.text()]).toEqual([
        413,
        'close',
        'PAYLOAD_TOO_LARGE',
      ]);
    } finally {
      node.closeAllConnections();
      node.close();
    }
  });
});
