// Each adapter booted on 127.0.0.1 with an ephemeral port, with receivers mounted at
// `/h/<name>`, and every server-side socket kept so that a test can read how many bytes the
// server read from it (`socket.bytesRead`, counted by the native handle).
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { EventSchemas, Receiver } from '@hookgate/core';
import type { NodeHandlerOptions } from '@hookgate/core/node';
import { createExpressMiddleware } from '@hookgate/express';
import { hookgatePlugin } from '@hookgate/fastify';
import { createPagesApiHandler, createRouteHandler } from '@hookgate/next';
import express from 'express';
import Fastify, { type FastifyHttpOptions } from 'fastify';

export type AnyReceiver = Pick<Receiver<EventSchemas>, 'handle' | 'fetch' | 'reject' | 'maxBodyBytes'>;
export type AdapterName = 'express' | 'fastify' | 'next-pages' | 'next-app';
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify', 'next-pages', 'next-app'];

export interface RunningServer {
  port: number;
  origin: string;
  /** Every connection the server accepted, in order. */
  sockets: Socket[];
  close(): Promise<void>;
}

export interface ServerSettings {
  /** The Node adapters (Express, Fastify, Pages Router): the body read time limit. */
  nodeLayer?: Pick<NodeHandlerOptions, 'bodyTimeoutMs' | 'trustProxy'>;
  /** Fastify: server options (`requestTimeout`, …). */
  fastify?: FastifyHttpOptions<Server>;
  /** Node's http server options (Fastify gets them as its `http` option). */
  node?: ServerOptions;
}

/** Boots `adapter` with each receiver at `/h/<name>`. */
export async function startAdapter(
  adapter: AdapterName,
  receivers: Record<string, AnyReceiver>,
  settings: ServerSettings = {},
): Promise<RunningServer> {
  if (adapter === 'fastify') return startFastify(receivers, settings);
  let server: Server;
  if (adapter === 'express') {
    const app = express();
    for (const [name, receiver] of Object.entries(receivers)) {
      // Mounted for every method, so that other methods reach the receiver (405 with Allow).
      app.all(`/h/${name}`, createExpressMiddleware(receiver, settings.nodeLayer));
    }
    server = createServer(settings.node ?? {}, app);
  } else {
    const handlers = new Map(
      Object.entries(receivers).map(([name, receiver]) => [
        `/h/${name}`,
        adapter === 'next-pages' ? pagesRoute(receiver, settings) : appRoute(receiver),
      ]),
    );
    server = createServer(settings.node ?? {}, (req, res) => {
      const handler = handlers.get((req.url ?? '').split('?')[0] ?? '');
      if (!handler) return void res.writeHead(404).end();
      handler(req, res);
    });
  }
  return listen(server);
}

/**
 * A Pages Router API route as Next.js runs it: its `apiResolver` catches a rejected handler,
 * answers 500 if it still can, and logs the error.
 */
function pagesRoute(receiver: AnyReceiver, settings: ServerSettings) {
  const handler = createPagesApiHandler(receiver, settings.nodeLayer);
  return (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

/**
 * An App Router route as Next.js's Node.js runtime runs it: the Node request becomes a web
 * `Request` whose body streams from the socket; methods the route does not export (only
 * POST here) are answered 405 by Next.js itself.
 */
function appRoute(receiver: AnyReceiver) {
  const handler = createRouteHandler(receiver);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    try {
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
        method: 'POST',
        headers,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      // Next.js answers 500 to a route that throws (here: a Host or header the URL parser refuses).
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  };
}

async function startFastify(receivers: Record<string, AnyReceiver>, settings: ServerSettings) {
  const sockets: Socket[] = [];
  // No serverFactory: Fastify then sets its timeouts on the server itself, which is what is tested.
  const app = Fastify({ ...settings.fastify, http: { ...settings.node, ...settings.fastify?.http } });
  app.server.on('connection', (socket: Socket) => sockets.push(socket));
  for (const [name, receiver] of Object.entries(receivers)) {
    await app.register(hookgatePlugin, { path: `/h/${name}`, receiver, ...settings.nodeLayer });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    sockets,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

async function listen(server: Server): Promise<RunningServer> {
  const sockets: Socket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
