// A raw HTTP/1.1 client over node:net, for requests no well-behaved client would send:
// duplicated and oversized headers, bytes outside ASCII, injected separators, chunked bodies
// cut anywhere, and Content-Length values that do not match the body.
import { connect } from 'node:net';

/** One parsed response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What came back on one connection. */
export interface RawExchange {
  /** Every complete response, in order (a request smuggled behind another gets its own). */
  responses: RawResponse[];
  /** Bytes received that did not make a complete response (cut off by a close). */
  rest: string;
  /** Whether the server closed the connection (rather than the time limit ending it). */
  closedByServer: boolean;
  /** Whether the time limit ended the exchange. */
  timedOut: boolean;
}

export interface RawOptions {
  /** Writes the parts one by one, this long apart (to make the server read them separately). @default 0 */
  gapMs?: number;
  /** Half-closes the connection after the last part (a client that gives up). @default false */
  halfClose?: boolean;
  /** Ends the exchange after this long. @default 5000 */
  timeoutMs?: number;
  /** Stops as soon as this many responses arrived. @default 1 */
  expect?: number;
  /** The request method of each expected response, for `HEAD` (no body). */
  head?: boolean;
}

/** Sends `parts` on a fresh connection to 127.0.0.1:`port` and parses what comes back. */
export function rawExchange(
  port: number,
  parts: readonly Buffer[],
  options: RawOptions = {},
): Promise<RawExchange> {
  const { gapMs = 0, halfClose = false, timeoutMs = 5000, expect = 1, head = false } = options;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let finished = false;
    let closedByServer = false;
    let timedOut = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const { responses, rest } = parseResponses(received, head);
      resolve({ responses, rest, closedByServer, timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      finish();
    }, timeoutMs);
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (parseResponses(received, head).responses.length >= expect) finish();
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('close', finish);
    // A reset by the server (it refused to read on) is a close too.
    socket.on('error', () => {
      closedByServer = true;
      finish();
    });
    socket.once('connect', async () => {
      for (const part of parts) {
        if (finished) return;
        socket.write(part);
        if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      if (halfClose && !finished) socket.end();
    });
  });
}

/** Parses as many complete responses as `data` holds. */
export function parseResponses(data: Buffer, head = false): { responses: RawResponse[]; rest: string } {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) break;
    const lines = data.subarray(offset, end).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!match) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(match[1]);
    let cursor = end + 4;
    // An interim response (100 Continue) has no body and is not the answer.
    if (status >= 100 && status < 200) {
      offset = cursor;
      continue;
    }
    let body: Buffer;
    if (head || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const chunks: Buffer[] = [];
      let complete = false;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', cursor);
        if (lineEnd < 0) break;
        const size = Number.parseInt(data.subarray(cursor, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size) || data.length < lineEnd + 2 + size + 2) break;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n', lineEnd + 2);
          if (trailerEnd < 0) break;
          cursor = trailerEnd + 2;
          complete = true;
          break;
        }
        chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        cursor = lineEnd + 2 + size + 2;
      }
      if (!complete) break;
      body = Buffer.concat(chunks);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (data.length < cursor + length) break;
      body = data.subarray(cursor, cursor + length);
      cursor += length;
    } else {
      // Delimited by the close: complete only once the server closed (the caller decides).
      body = data.subarray(cursor);
      cursor = data.length;
      if (headers.connection?.toLowerCase() !== 'close') break;
    }
    responses.push({ status, headers, body: body.toString('utf8') });
    offset = cursor;
  }
  return { responses, rest: data.subarray(offset).toString('latin1') };
}

/** The bytes of a request head: request line, headers as given (any bytes), blank line. */
export function requestHead(
  method: string,
  path: string,
  headers: readonly (readonly [string, string | Buffer])[],
) {
  const parts: Buffer[] = [Buffer.from(`${method} ${path} HTTP/1.1\r\n`, 'latin1')];
  for (const [name, value] of headers) {
    parts.push(
      Buffer.from(`${name}: `, 'latin1'),
      typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
    );
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** A body in chunked transfer encoding, cut at `cuts` (offsets), with optional chunk extensions. */
export function chunked(body: Uint8Array, cuts: readonly number[], extension = ''): Buffer {
  const points = [...new Set(cuts.map((cut) => cut % (body.length + 1)))]
    .filter((p) => p > 0)
    .sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let start = 0;
  for (const end of [...points, body.length]) {
    if (end > start) {
      parts.push(Buffer.from(`${(end - start).toString(16)}${extension}\r\n`, 'latin1'));
      parts.push(Buffer.from(body.subarray(start, end)), Buffer.from('\r\n'));
    }
    start = end;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
