import { answerNodeRequest, type NodeHandlerOptions, type NodeReceiver } from '@hookgate/core/node';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

/** Options of {@link hookgatePlugin}; plus `publicUrl`, `trustProxy` and `bodyTimeoutMs` of every Node adapter. */
export interface HookgatePluginOptions extends NodeHandlerOptions<FastifyRequest> {
  /** The webhook route's path (under the prefix the plugin is registered with). */
  path: string;
  /** The receiver that handles the deliveries. */
  receiver: NodeReceiver;
}

/**
 * A Fastify plugin that adds one webhook route, for every method (the receiver answers 405 or
 * a sender's GET handshake), handing the raw body to a hookgate receiver. It is deliberately
 * not wrapped with `fastify-plugin`: its catch-all content-type parser stays inside its own
 * encapsulation context, so the app's other routes keep their JSON parsing.
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
  // Inherited parsers (the default JSON one, or an app-wide custom one) would parse the body
  // away before it is verified. This one reads nothing: the Node layer reads the stream under
  // the receiver's size and time limits, so Fastify's 413 never answers for hookgate's.
  app.removeAllContentTypeParsers();
  const leaveUnread = (_request: FastifyRequest, _payload: unknown, done: (error: null) => void) =>
    done(null);
  // The catch-all alone would do, but Fastify caches its parser lookup only for registered
  // types: the types senders use are named so that their requests skip a content-type parse.
  for (const type of ['application/json', 'application/x-www-form-urlencoded', '*']) {
    app.addContentTypeParser(type, leaveUnread);
  }
  app.all(options.path, async function hookgateRoute(request, reply) {
    const delivery = { request, req: request.raw, path: request.url };
    const result = await answerNodeRequest(options.receiver, delivery, options);
    return reply.code(result.status).headers(result.headers).send(result.body);
  });
};
