import { connect } from 'node:net';

/** One HTTP/1.1 answer as it came off the wire. */
export interface RawAnswer {
  /** The status code of the status line. */
  status: number;
  /** The header fields, names lower-cased (a repeated one keeps its last value). */
  headers: Record<string, string>;
  /** Every byte the server sent after the header section. */
  rest: Buffer;
}

/**
 * Sends a body-less request with `method` to `url` over a plain socket, with `Connection:
 * close`, and returns every byte of the answer. An HTTP client cannot tell whether a server
 * sent content after a HEAD answer's headers (it stops reading there); this reads to the end.
 * Gives up after `timeoutMs` (a server that keeps the connection open).
 */
export function rawRequest(method: string, url: string, timeoutMs = 5_000): Promise<RawAnswer> {
  const { hostname, port, pathname, search, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) || 80 });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no end of the answer in ${timeoutMs} ms`)));
    socket.on('connect', () => {
      // Written, not ended: a server may take a half-closed connection for a client that left
      // (Next.js does) and answer nothing. `connection: close` makes the server close it.
      socket.write(`${method} ${pathname}${search} HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no complete answer: ${JSON.stringify(all.toString('latin1'))}`));
      const [statusLine = '', ...fields] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const field of fields) {
        const colon = field.indexOf(':');
        headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, rest: all.subarray(end + 4) });
    });
  });
}
