/**
 * The framework apps of the adapter figures, built once for both ways of measuring them: the
 * loopback HTTP figures (`http-fastify`, `http-koa`, `http-express`) listen on 127.0.0.1, and
 * `node-layer` hands the same apps in-memory requests. Each framework has its bare app (the
 * floor: read, HMAC, `JSON.parse`; with `dedup`, also a claim and a completion of the event id
 * in hookgate's memory store, a repeat getting 409) and its hookgate app (Stripe receiver,
 * `invoice.paid` typed with `unchecked<T>()` or validated with zod, no-op handler). The plain
 * `node:http` listeners (GitHub deliveries, as octokit takes them) are here too; the bare one
 * is in `bare.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMemoryStore } from '@hookgate/core';
import { createNodeHandler } from '@hookgate/core/node';
import { createExpressMiddleware } from '@hookgate/express';
import { hookgatePlugin } from '@hookgate/fastify';
import { createKoaMiddleware } from '@hookgate/koa';
import { createNodeMiddleware, Webhooks } from '@octokit/webhooks';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa from 'koa';
import { dedupedOnce, readNodeBody, verifyStripeBare } from './bare.js';
import { SECRETS } from './deliveries.js';
import { countHandled, githubReceiver, stripeReceiver } from './receivers.js';

/** The webhook route of every app. */
export const PATH = '/webhooks';

/** What `node:http` calls for each request: every app below is reduced to one. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

type Validation = 'zod' | 'none';

/** The event id's claim and completion, or `undefined` (no de-duplication). */
function deduper(dedup: boolean): ((id: string) => boolean) | undefined {
  if (!dedup) return undefined;
  const store = createMemoryStore();
  return (id) => dedupedOnce(store, `stripe:${id}`);
}

/** Fastify 5 with a buffer content-type parser: HMAC, `JSON.parse` (and de-duplication). */
export function bareFastify(dedup: boolean): FastifyInstance {
  const app = Fastify();
  const once = deduper(dedup);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post(PATH, async (request, reply) => {
    const body = request.body as Buffer;
    if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body)) {
      return reply.code(401).send({ ok: false });
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string };
    if (once && !once(event.id)) return reply.code(409).send({ ok: false });
    countHandled();
    return { ok: true };
  });
  return app;
}

/** Fastify 5 with `hookgatePlugin` on the route. */
export async function hookgateFastify(validation: Validation): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(hookgatePlugin, { path: PATH, receiver: stripeReceiver({ validation }) });
  return app;
}

/** The request listener of a Fastify app, without a socket (`app.server` is not listening). */
export async function fastifyListener(app: FastifyInstance): Promise<RequestListener> {
  await app.ready();
  return (request, response) => app.server.emit('request', request, response);
}

/** Koa 3 reading `ctx.req`: HMAC, `JSON.parse` (and de-duplication). */
export function bareKoa(dedup: boolean): Koa {
  const once = deduper(dedup);
  const app = new Koa();
  app.use(async (ctx) => {
    const body = await readNodeBody(ctx.req);
    if (!verifyStripeBare(SECRETS.stripe, ctx.get('stripe-signature'), body)) {
      ctx.status = 401;
      ctx.body = { ok: false };
      return;
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string };
    if (once && !once(event.id)) {
      ctx.status = 409;
      ctx.body = { ok: false };
      return;
    }
    countHandled();
    ctx.body = { ok: true };
  });
  return app;
}

/** Koa 3 with `createKoaMiddleware`. */
export function hookgateKoa(validation: Validation): Koa {
  return new Koa().use(createKoaMiddleware(stripeReceiver({ validation })));
}

/** Express 5 with `express.raw()`: HMAC, `JSON.parse` (and de-duplication). */
export function bareExpress(dedup: boolean): express.Express {
  const once = deduper(dedup);
  const app = express();
  app.post(PATH, express.raw({ type: '*/*', limit: '1mb' }), (request, response) => {
    const body = request.body as Buffer;
    if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body)) {
      response.status(401).json({ ok: false });
      return;
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string };
    if (once && !once(event.id)) {
      response.status(409).json({ ok: false });
      return;
    }
    countHandled();
    response.json({ ok: true });
  });
  return app;
}

/** Express 5 with `createExpressMiddleware` on the route. */
export function hookgateExpress(validation: Validation): express.Express {
  const app = express();
  app.post(PATH, createExpressMiddleware(stripeReceiver({ validation })));
  return app;
}

/** `node:http` with `createNodeHandler`: GitHub receiver, `push` unchecked or validated with zod. */
export function hookgateNodeListener(validation: Validation): RequestListener {
  return createNodeHandler(githubReceiver({ validation }));
}

/** @octokit/webhooks' `createNodeMiddleware`: verify, parse, dispatch to a no-op `push` handler. */
export function octokitListener(): RequestListener {
  const webhooks = new Webhooks({ secret: SECRETS.github });
  webhooks.on('push', () => {
    countHandled();
  });
  return createNodeMiddleware(webhooks, { path: PATH });
}
