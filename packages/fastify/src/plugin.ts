import type { TLSSocket } from 'node:tls';
import { type EventSchemas, type HandleResult, publicUrl, type Receiver, WebhookError } from '@hookgate/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Options of {@link hookgatePlugin}. */
export interface HookgatePluginOptions {
  /** The webhook route's path (under the prefix the plugin is registered with). */
  path: string;
  /** The receiver that handles the deliveries. */
  receiver: Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'maxBodyBytes'>;
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the request that returns it.
   * @default rebuilt from the `Host` header (or `X-Forwarded-*` with `trustProxy`)
   */
  publicUrl?: string | ((request: FastifyRequest) => string);
  /**
   * Rebuild the public URL from `X-Forwarded-Proto` and `X-Forwarded-Host`. Independent of
   * Fastify's own `trustProxy`; enable it only behind a proxy that sets both.
   * @default false
   */
  trustProxy?: boolean;
}

/**
 * A Fastify plugin that adds one webhook route handing the raw body to a hookgate receiver.
 * It is deliberately not wrapped with `fastify-plugin`: its catch-all buffer parser stays
 * inside its own encapsulation context, so the app's other routes keep their JSON parsing.
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
  const { receiver } = options;
  // Inherited parsers (the default JSON one, or an app-wide custom one) would parse the body
  // away before it is verified; in this context only raw bytes are read, whatever the type.
  app.removeAllContentTypeParsers();
  const keepBytes = (_request: FastifyRequest, body: Buffer, done: (error: null, body: Buffer) => void) =>
    done(null, body);
  // The catch-all alone would do, but Fastify caches its parser lookup only for registered
  // types: the types senders use are named so that their requests skip a content-type parse.
  for (const type of ['application/json', 'application/x-www-form-urlencoded', '*']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, keepBytes);
  }
  // Fastify refuses a body over the route's bodyLimit itself; answer in hookgate's shape.
  app.setErrorHandler(function hookgateErrorHandler(error, request, reply) {
    if ((error as { code?: unknown } | null)?.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    // Fastify stops listening to a streamed body at the limit but leaves it flowing, so Node
    // would go on reading (and dropping) the rest until the socket closes: stop reading here.
    request.raw.pause();
    const tooLarge = new WebhookError(
      'PAYLOAD_TOO_LARGE',
      `the body is larger than the ${receiver.maxBodyBytes}-byte limit`,
    );
    return send(reply, receiver.reject(tooLarge, { method: request.method, headers: request.headers }));
  });
  app.all(options.path, { bodyLimit: receiver.maxBodyBytes }, async function hookgateRoute(request, reply) {
    const url = publicUrl({
      headers: request.headers,
      path: request.url,
      encrypted: (request.raw.socket as Partial<TLSSocket> | null)?.encrypted === true,
      trustProxy: options.trustProxy,
      publicUrl: typeof options.publicUrl === 'function' ? options.publicUrl(request) : options.publicUrl,
    });
    // No body at all (no Content-Type and no length) leaves `request.body` undefined.
    const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
    return send(
      reply,
      await receiver.handle({ method: request.method, url, headers: request.headers, body }),
    );
  });
};

function send(reply: FastifyReply, result: HandleResult): FastifyReply {
  return reply.code(result.status).headers(result.headers).send(result.body);
}
