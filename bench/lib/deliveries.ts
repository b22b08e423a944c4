/**
 * Signed deliveries with a new id each: the body template is copied, a unique id written in
 * its slot, and the copy signed with `node:crypto` as the sender would. Every delivery is a
 * new one for the receiver's idempotency store, so benchmarks measure the real path, not
 * the duplicate shortcut.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Contender } from './measure.js';
import {
  GITHUB_SLOT,
  githubPushTemplate,
  STRIPE_SLOT,
  stripeInvoiceTemplate,
  type Template,
} from './payloads.js';

export interface Delivery {
  headers: Record<string, string>;
  body: Buffer;
}

export interface DeliveryFactory {
  /** Body size in bytes. */
  readonly size: number;
  /** A new delivery, never seen before in this process. */
  next(): Delivery;
}

/** Secrets of the benchmark senders (the examples' development defaults, so the example app accepts them). */
export const SECRETS = {
  stripe: 'whsec_local_development_only',
  github: 'local-development-only',
} as const;

/** Per-process prefix of every id, so that runs sharing a Redis never collide. */
const RUN = randomBytes(6).toString('hex');

function writer(template: Template) {
  const base = Buffer.from(template.json);
  return (id: string) => {
    const body = Buffer.allocUnsafe(base.length);
    base.copy(body);
    body.write(id, template.offset, template.length, 'latin1');
    return body;
  };
}

/** Stripe `invoice.paid` deliveries of `size` bytes, with unique `evt_` ids. */
export function stripeDeliveries(
  options: { secret?: string; size: number; nonAscii?: boolean } = { size: 2048 },
): DeliveryFactory {
  const secret = options.secret ?? SECRETS.stripe;
  const write = writer(stripeInvoiceTemplate(options.size, options.nonAscii));
  let counter = 0;
  return {
    size: options.size,
    next() {
      // evt_ + 12 hex of the run + 12 digits: 28 characters, the slot's length.
      const id = `evt_${RUN}${String(++counter).padStart(STRIPE_SLOT.length - 16, '0')}`;
      const body = write(id);
      const timestamp = Math.floor(Date.now() / 1000);
      const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
      return {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': `t=${timestamp},v1=${mac}`,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body,
      };
    },
  };
}

/** GitHub `push` deliveries of `size` bytes, with a unique `after` SHA and delivery id. */
export function githubDeliveries(
  options: { secret?: string; size: number } = { size: 2048 },
): DeliveryFactory {
  const secret = options.secret ?? SECRETS.github;
  const write = writer(githubPushTemplate(options.size));
  let counter = 0;
  return {
    size: options.size,
    next() {
      const serial = (++counter).toString(16).padStart(GITHUB_SLOT.length - 12, '0');
      const body = write(RUN + serial);
      const mac = createHmac('sha256', secret).update(body).digest('hex');
      return {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/a1b2c3d',
          'x-github-event': 'push',
          'x-github-delivery': `${RUN.slice(0, 8)}-${RUN.slice(8)}-4000-8000-${serial.slice(-12)}`,
          'x-github-hook-id': '123456789',
          'x-hub-signature-256': `sha256=${mac}`,
        },
        body,
      };
    },
  };
}

/**
 * A micro-benchmark contender that takes a new delivery per operation, from a pool signed
 * before each batch (untimed), so that no operation repeats an earlier one. `beforeBatch`
 * runs with the pool's refill (to reset what the previous batch left, say).
 */
export function freshContender(
  name: string,
  factory: DeliveryFactory,
  run: (delivery: Delivery) => unknown,
  beforeBatch?: () => void,
): Contender {
  let pool: Delivery[] = [];
  let next = 0;
  return {
    name,
    setup(operations) {
      pool = Array.from({ length: operations }, () => factory.next());
      next = 0;
      beforeBatch?.();
    },
    run: () => run(pool[next++]!),
  };
}
