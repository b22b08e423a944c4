import type { StandardSchemaV1 } from './standard-schema.js';

/**
 * A schema that types an event's payload as `TPayload` without checking it at run time. The
 * signature already proves who sent the delivery; use this where you trust the sender's
 * format as much as its provider's own TypeScript types (`@octokit/webhooks-types`, Stripe's
 * `Stripe.Event`) and would rather not pay for validation. A payload of another shape then
 * reaches the handler as it is, so prefer a real schema (zod) for what the handler relies on.
 *
 * @example
 * ```ts
 * import type { PushEvent } from '@octokit/webhooks-types';
 * const receiver = createReceiver({ scheme: github({ secret }), events: { push: unchecked<PushEvent>() } });
 * receiver.on('push', (event) => console.log(event.after)); // event: PushEvent
 * ```
 */
export function unchecked<TPayload>(): StandardSchemaV1<unknown, TPayload> {
  return UNCHECKED as StandardSchemaV1<unknown, TPayload>;
}

const UNCHECKED: StandardSchemaV1 = {
  '~standard': { version: 1, vendor: 'hookgate', validate: (value) => ({ value }) },
};
