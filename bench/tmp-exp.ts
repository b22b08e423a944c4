import { createReceiver } from '@hookgate/core';
import { readNodeBody } from '@hookgate/core/node';
import { hookgatePlugin } from '@hookgate/fastify';
import { stripe } from '@hookgate/signatures';
import Fastify from 'fastify';
import { verifyStripeBare } from './lib/bare.js';
import { SECRETS, stripeDeliveries } from './lib/deliveries.js';
import { type HttpVariant, printHttpFigures, runHttpFigure } from './lib/http.js';
import { countHandled, stripeReceiver } from './lib/receivers.js';

const PATH = '/webhooks';
async function listen(app: ReturnType<typeof Fastify>) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}
const only = (process.env.EXP ?? 'A,B,C,D').split(',');
const all: Record<string, HttpVariant> = {
  A: {
    name: 'A bare',
    listen: () => {
      const app = Fastify();
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_r, body, done) =>
        done(null, body),
      );
      app.post(PATH, async (request, reply) => {
        const body = request.body as Buffer;
        if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body))
          return reply.code(401).send({ ok: false });
        JSON.parse(body.toString('utf8'));
        countHandled();
        return { ok: true };
      });
      return listen(app);
    },
  },
  F: {
    name: 'F bare + spin',
    listen: () => {
      const app = Fastify();
      const spin = Number(process.env.SPIN ?? 8) / 1000;
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_r, body, done) =>
        done(null, body),
      );
      app.post(PATH, async (request, reply) => {
        const body = request.body as Buffer;
        if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body))
          return reply.code(401).send({ ok: false });
        JSON.parse(body.toString('utf8'));
        const end = performance.now() + spin;
        while (performance.now() < end);
        countHandled();
        return { ok: true };
      });
      return listen(app);
    },
  },
  B: {
    name: 'B bare + readNodeBody',
    listen: () => {
      const app = Fastify();
      app.removeAllContentTypeParsers();
      app.addContentTypeParser('*', (_r, _p, done) => done(null));
      app.post(PATH, async (request, reply) => {
        const body = (await readNodeBody(request.raw, { maxBodyBytes: 1 << 20 })) as Buffer;
        if (!verifyStripeBare(SECRETS.stripe, request.headers['stripe-signature'], body))
          return reply.code(401).send({ ok: false });
        JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
        countHandled();
        return { ok: true };
      });
      return listen(app);
    },
  },
  C: {
    name: 'C plugin, unhandled (no store)',
    listen: async () => {
      const app = Fastify();
      const receiver = createReceiver({
        scheme: stripe({ secret: SECRETS.stripe }),
        logger: false,
        onUnhandled: () => countHandled(),
      });
      await app.register(hookgatePlugin, { path: PATH, receiver });
      return listen(app);
    },
  },
  D: {
    name: 'D plugin',
    listen: async () => {
      const app = Fastify();
      await app.register(hookgatePlugin, { path: PATH, receiver: stripeReceiver({ validation: 'none' }) });
      return listen(app);
    },
  },
  E: {
    name: 'E handle direct in route',
    listen: async () => {
      const app = Fastify();
      const receiver = stripeReceiver({ validation: 'none' });
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_r, body, done) =>
        done(null, body),
      );
      app.post(PATH, async (request, reply) => {
        const r = await receiver.handle({
          method: 'POST',
          url: 'http://x/webhooks',
          headers: request.headers,
          body: request.body as Buffer,
        });
        return reply.code(r.status).headers(r.headers).send(r.body);
      });
      return listen(app);
    },
  },
};
const variants = only.map((k) => all[k]!);
const figures = await runHttpFigure({
  variants,
  baseline: variants[0]!.name,
  path: PATH,
  deliveries: () => stripeDeliveries({ size: 2048 }),
});
if (figures) printHttpFigures('exp', figures);
