/**
 * Requests without a network: real `node:http` `IncomingMessage`/`ServerResponse` objects
 * over an in-memory socket, handed to a request listener as Node's HTTP server would hand
 * them. No kernel, no HTTP parsing, no load generator: what is left is the listener's own CPU
 * work, which the loopback figures cannot resolve below a few microseconds on a noisy machine.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { RequestListener } from './apps.js';
import type { Delivery } from './deliveries.js';

/** A socket that takes every write and never reads: answers go nowhere, at no cost. */
const socket = new Duplex({
  read() {},
  write(_chunk, _encoding, done) {
    done();
  },
  writev(_chunks, done) {
    done();
  },
}) as unknown as Socket;

/** A request as `node:http` hands it to a listener: headers parsed, body not yet pushed. */
export function inMemoryRequest({ headers, body }: Delivery, path: string): IncomingMessage {
  const req = new IncomingMessage(socket);
  req.method = 'POST';
  req.url = path;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.headers = { host: '127.0.0.1:3000', 'content-length': String(body.length), ...headers };
  return req;
}

/** Pushes the body as the HTTP parser does: one chunk, then the end of the message. */
export function deliverBody(req: IncomingMessage, body: Buffer): void {
  req.push(body);
  req.complete = true;
  req.push(null);
}

/** One request through `listener`, until its answer is finished; resolves with its status. */
export async function answerInMemory(
  listener: RequestListener,
  delivery: Delivery,
  path: string,
): Promise<number> {
  const req = inMemoryRequest(delivery, path);
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  const finished = new Promise((resolve) => res.once('finish', resolve));
  void listener(req, res);
  deliverBody(req, delivery.body);
  await finished;
  res.detachSocket(socket);
  return res.statusCode;
}
