import { connect } from 'node:net';

/** What {@link rawRequest} sends: a POST's headers, then its body in pieces, numbers being pauses in ms. */
export interface RawRequestOptions {
  /** The request target. @default '/' */
  path?: string;
  headers: Record<string, string>;
  /** Body pieces in order; a number waits that many milliseconds before the next piece. */
  pieces: (string | number)[];
  /** Destroy the socket after the last piece instead of waiting for the answer. @default false */
  abort?: boolean;
}

/** The status line and the raw text of an answer; `status` 0 when the socket closed without one. */
export interface RawResponse {
  status: number;
  text: string;
}

/**
 * A POST over a plain TCP socket to 127.0.0.1, so that a test controls when each byte of the
 * body leaves (or that the client goes away mid-body), which `fetch` does not allow.
 */
export function rawRequest(port: number, options: RawRequestOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('connect', async () => {
      const head = Object.entries(options.headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(
        `POST ${options.path ?? '/'} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${head.join('')}\r\n`,
      );
      for (const piece of options.pieces) {
        if (typeof piece === 'number') await new Promise((wait) => setTimeout(wait, piece));
        else socket.write(piece);
      }
      if (options.abort) socket.destroy();
    });
  });
}
