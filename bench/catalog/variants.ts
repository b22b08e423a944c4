/**
 * The receivers `catalog-import` starts cold, one per child process: each module is bundled on
 * its own, imported by `catalog/child.ts` after node has booted, and handles one delivery.
 */
import { createReceiver, type EventSchemas } from '@hookgate/core';
import { github, type Scheme } from '@hookgate/signatures';

export interface Delivery {
  secret: string;
  headers: Record<string, string>;
  body: string;
}

/** Builds a receiver of `events` (GitHub's unless told), handles `delivery` once, and returns the status. */
export async function firstDelivery(
  events: EventSchemas,
  route: string,
  delivery: Delivery,
  scheme: (options: { secret: string }) => Scheme = github,
): Promise<number> {
  const receiver = createReceiver({ scheme: scheme({ secret: delivery.secret }), events });
  let handled = 0;
  receiver.on(route, () => {
    handled++;
  });
  const result = await receiver.handle({ method: 'POST', headers: delivery.headers, body: delivery.body });
  if (result.status !== 200 || handled !== 1)
    throw new Error(`delivery failed: ${result.status} ${result.body}`);
  return result.status;
}
