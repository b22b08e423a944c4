import {
  answerNodeRequest,
  isRequestStreamError,
  type NodeHandlerOptions,
  type NodeReceiver,
} from '@hookgate/core/node';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Options of {@link hookgatePlugin}; plus `publicUrl`, `trustProxy` and `bodyTimeoutMs` of every Node adapter. */
export interface HookgatePluginOptions extends NodeHandlerOptions<FastifyRequest> {
  /** The webhook route's path (under the prefix the plugin is registered with). */
  path: string;
  /** The receiver that handles the deliveries. */
  receiver: NodeReceiver;
}

/**
 * A Fastify plugin that adds one webhook route, for every method (the receiver answers 405 or
 * a sender's GET handshake), handing the raw body to a hookgate receiver.
 *
 * The route answers in its own `onRequest` hook, before Fastify parses anything: no
 * content-type parser (Fastify's JSON one, or one of the app's) ever sees the bytes the
 * signature covers, so none has to be replaced and the app's other routes are untouched. The
 * app's `onRequest` hooks run before it and its `onSend` and `onResponse` hooks after it;
 * `preParsing`, `preValidation` and `preHandler` hooks do not run for this route.
 *
 * @example
 * ```ts
 * await app.register(hookgatePlugin, { path: '/webhooks/stripe', receiver });
 * ```
 */
export const hookgatePlugin: FastifyPluginAsync<HookgatePluginOptions> = async function hookgatePlugin(
  app,
  options,
) {
  // Answering before the parsers also spares each delivery their machinery (measured: the same
  // work as a route handler behind a parser that reads nothing was about 3% slower).
  const onRequest = async function hookgateRoute(request: FastifyRequest, reply: FastifyReply) {
    const delivery = { request, req: request.raw, path: request.url };
    // A client gone mid-body (the receiver logged it): nobody is left to answer, and Fastify
    // would log it as a 500. Any other rejection is Fastify's to answer and log.
    const result = await answerNodeRequest(options.receiver, delivery, options).catch((error: unknown) => {
      if (isRequestStreamError(error)) return undefined;
      throw error;
    });
    if (!result) {
      reply.hijack();
      reply.raw.destroy();
      return reply;
    }
    return reply.code(result.status).headers(result.headers).send(result.body);
  };
  app.all(options.path, { onRequest }, answeredInOnRequest);
};

/** Fastify wants a handler; the route's `onRequest` hook has always answered (or thrown) first. */
function answeredInOnRequest(): never {
  throw new Error('hookgate: the webhook route answers in its onRequest hook, which did not answer');
}
