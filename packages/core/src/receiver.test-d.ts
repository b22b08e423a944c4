import { stripe, type WebhookErrorCode } from '@hookgate/signatures';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import type { DeliveryAttempt, DeliveryContext, HandleInput } from './types.js';
import { unchecked } from './unchecked.js';

const receiver = createReceiver({
  scheme: stripe({ secret: 'whsec_x' }),
  events: {
    'invoice.paid': z.object({
      id: z.string(),
      type: z.literal('invoice.paid'),
      data: z.object({ object: z.object({ amount_paid: z.number() }) }),
    }),
    'customer.created': z.object({
      type: z.literal('customer.created'),
      data: z.object({ email: z.string() }),
    }),
  },
});

describe('typed routing', () => {
  it('types the handler payload from the schema output', () => {
    receiver.on('invoice.paid', (event, ctx) => {
      expectTypeOf(event.data.object.amount_paid).toEqualTypeOf<number>();
      expectTypeOf(event.type).toEqualTypeOf<'invoice.paid'>();
      expectTypeOf(ctx).toEqualTypeOf<DeliveryContext>();
      expectTypeOf(ctx.deliveryId).toEqualTypeOf<string>();
      expectTypeOf(ctx.timestamp).toEqualTypeOf<number | undefined>();
      expectTypeOf(ctx.attempt).toEqualTypeOf<{ retry: number; reason?: string } | undefined>();
    });
  });

  it('refuses an event type that is not a key of events', () => {
    // @ts-expect-error 'invoice.unknown' is not declared in events
    receiver.on('invoice.unknown', () => {});
  });

  it('refuses a handler that expects the wrong payload', () => {
    // @ts-expect-error amount_paid is a number, not a string
    receiver.on('invoice.paid', (event: { data: { object: { amount_paid: string } } }) => event);
  });

  it('types onAny as the union of every declared payload', () => {
    receiver.onAny((event) => {
      expectTypeOf(event.type).toEqualTypeOf<'invoice.paid' | 'customer.created'>();
      if (event.type === 'customer.created') expectTypeOf(event.data.email).toEqualTypeOf<string>();
    });
  });

  it('types transformed schema outputs, not inputs', () => {
    const transformed = createReceiver({
      scheme: stripe({ secret: 'whsec_x' }),
      events: { ping: z.object({ created: z.number().transform((n) => new Date(n * 1000)) }) },
    });
    transformed.on('ping', (event) => {
      expectTypeOf(event.created).toEqualTypeOf<Date>();
    });
  });

  it('accepts no handler keys at all when events is omitted', () => {
    const bare = createReceiver({ scheme: stripe({ secret: 'whsec_x' }) });
    // @ts-expect-error no events declared
    bare.on('anything', () => {});
  });
});

describe('unchecked<T>()', () => {
  interface PushEvent {
    ref: string;
    commits: { id: string }[];
  }
  const github = createReceiver({
    scheme: stripe({ secret: 'whsec_x' }),
    events: { push: unchecked<PushEvent>(), ping: z.object({ zen: z.string() }) },
  });

  it('types the payload as the given type, beside zod schemas', () => {
    github.on('push', (event) => {
      expectTypeOf(event).toEqualTypeOf<PushEvent>();
      expectTypeOf(event.commits[0]!.id).toEqualTypeOf<string>();
    });
    github.onAny((event) => {
      expectTypeOf(event).toEqualTypeOf<PushEvent | { zen: string }>();
    });
  });

  it('refuses a handler that expects another shape', () => {
    // @ts-expect-error ref is a string
    github.on('push', (event: { ref: number }) => event);
  });
});

describe('observation and the catch-all', () => {
  const scheme = stripe({ secret: 'whsec_x' });

  it('types onEvery payloads as unknown, on any receiver', () => {
    createReceiver({ scheme }).onEvery((payload, ctx) => {
      expectTypeOf(payload).toEqualTypeOf<unknown>();
      expectTypeOf(ctx.eventType).toEqualTypeOf<string>();
    });
  });

  it('gives onError the delivery facts and onDelivered the outcome and durations', () => {
    createReceiver({
      scheme,
      onError: (error, context) => {
        expectTypeOf(error.code).toEqualTypeOf<WebhookErrorCode>();
        expectTypeOf(context.provider).toEqualTypeOf<string>();
        expectTypeOf(context.deliveryId).toEqualTypeOf<string | undefined>();
        expectTypeOf(context.attempt).toEqualTypeOf<DeliveryAttempt | undefined>();
        expectTypeOf(context.request).toEqualTypeOf<HandleInput>();
      },
      onDelivered: (report) => {
        expectTypeOf(report.outcome).toEqualTypeOf<
          'handled' | 'queued' | 'duplicate' | 'unhandled' | 'handshake' | 'dropped'
        >();
        expectTypeOf(report.durations.totalMs).toEqualTypeOf<number>();
        expectTypeOf(report.durations.handlersMs).toEqualTypeOf<number | undefined>();
      },
    });
  });

  it('takes pino-shaped loggers or false', () => {
    const pinoLike = {
      debug: (_fields: object, _message: string) => undefined,
      info: (_fields: object, _message: string) => undefined,
      warn: (_fields: object, _message: string) => undefined,
      error: (_fields: object, _message: string) => undefined,
      level: 'info',
    };
    createReceiver({ scheme, logger: pinoLike });
    createReceiver({ scheme, logger: false });
    // @ts-expect-error a logger needs every level
    createReceiver({ scheme, logger: { warn: () => undefined } });
  });
});
