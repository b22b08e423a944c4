// A user's file, compiled against the built packages (`npm run check:packages`) with the strictest
// settings a Node project uses: no DOM library, `exactOptionalPropertyTypes`, and `skipLibCheck`
// off, so every declaration hookgate ships is checked too. Koa is left out: @types/koa itself
// fails under skipLibCheck false with the content-disposition this tree installs.

import { queueDispatch, startWorker } from '@hookgate/bullmq';
import { createDurableObjectStore, IdempotencyObject } from '@hookgate/cloudflare';
import { createMemoryStore, createReceiver, isWebhookError } from '@hookgate/core';
import { createNodeHandler } from '@hookgate/core/node';
import { githubEvents } from '@hookgate/events/github';
import { stripeEvents } from '@hookgate/events/stripe';
import { createExpressMiddleware } from '@hookgate/express';
import { hookgatePlugin } from '@hookgate/fastify';
import { createHonoMiddleware } from '@hookgate/hono';
import { createLambdaHandler } from '@hookgate/lambda';
import { createPagesApiHandler, createRouteHandler } from '@hookgate/next';
import { createRedisStore } from '@hookgate/redis';
import { createWebCrypto, github, stripe } from '@hookgate/signatures';
import { runStoreConformance, samples, signDelivery } from '@hookgate/testing';
import type { APIGatewayProxyHandler, APIGatewayProxyHandlerV2 } from 'aws-lambda';

// Options read from the environment are `string | undefined`: accepted as absent.
const receiver = createReceiver({
  scheme: github({ secret: process.env.GITHUB_WEBHOOK_SECRET ?? 'dev', crypto: createWebCrypto() }),
  events: githubEvents,
  store: createMemoryStore({ max: 1000 }),
  maxBodyBytes: undefined,
  handlerTimeoutMs: process.env.HANDLER_TIMEOUT_MS ? Number(process.env.HANDLER_TIMEOUT_MS) : undefined,
});
receiver.on('push', async (event) => {
  event.ref satisfies string;
});
const stripeReceiver = createReceiver({ scheme: stripe({ secret: 'whsec_x' }), events: stripeEvents });
stripeReceiver.on('invoice.paid', async (event) => {
  event.data.object.id satisfies string;
});

export const v1: APIGatewayProxyHandler = createLambdaHandler(receiver, {
  publicUrl: process.env.PUBLIC_URL,
});
export const v2: APIGatewayProxyHandlerV2 = createLambdaHandler(receiver);
export const handlers = [
  createNodeHandler(receiver, { publicUrl: process.env.PUBLIC_URL }),
  createExpressMiddleware(receiver, { publicUrl: process.env.PUBLIC_URL, trustProxy: undefined }),
  createHonoMiddleware(receiver, { bodyTimeoutMs: undefined }),
  createRouteHandler(receiver),
  createPagesApiHandler(receiver),
  hookgatePlugin,
  createRedisStore,
  createDurableObjectStore,
  IdempotencyObject,
  queueDispatch,
  startWorker,
  runStoreConformance,
];
export const signed = signDelivery(stripe({ secret: 'whsec_x' }), samples.stripe['invoice.paid']());
export const isError = (error: unknown) => isWebhookError(error) && error.code === 'INVALID_SIGNATURE';
