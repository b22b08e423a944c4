/**
 * A test-only Worker that forwards each request to the Durable Object named by `?name=`, so
 * that hookgate's store conformance suite (in Node) can drive the real object in workerd
 * through the example's own store client.
 */
import type { DurableObjectNamespaceLike } from '@hookgate/cloudflare';

export default {
  fetch(request: Request, env: { IDEMPOTENCY: DurableObjectNamespaceLike }): Promise<Response> {
    const name = new URL(request.url).searchParams.get('name') ?? '';
    return env.IDEMPOTENCY.get(env.IDEMPOTENCY.idFromName(name)).fetch(request);
  },
};
