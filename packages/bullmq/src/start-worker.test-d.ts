import type { DispatchedDelivery, DispatchedResult, DispatchJob } from '@hookgate/core';
import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import type { Worker } from 'bullmq';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { queueDispatch, startWorker } from './index.js';

describe('@hookgate/bullmq types', () => {
  it('runs the receiver typed handlers, with ctx.job on workers', () => {
    const receiver = createReceiver({
      scheme: stripe({ secret: 'whsec_x' }),
      events: {
        'invoice.paid': z.object({ id: z.string(), created: z.number().transform((n) => new Date(n)) }),
      },
      dispatch: queueDispatch({ connection: { host: '127.0.0.1' }, queueName: 'q' }),
    });
    receiver.on('invoice.paid', (event, ctx) => {
      expectTypeOf(event.created).toEqualTypeOf<Date>();
      expectTypeOf(ctx.job).toEqualTypeOf<DispatchJob | undefined>();
    });
    const worker = startWorker(receiver, { connection: { host: '127.0.0.1' }, queueName: 'q' });
    expectTypeOf(worker).toEqualTypeOf<Worker<DispatchedDelivery, DispatchedResult>>();
    expectTypeOf(receiver.runDispatched).returns.resolves.toEqualTypeOf<DispatchedResult>();
    // @ts-expect-error the queue name is required
    startWorker(receiver, { connection: { host: '127.0.0.1' } });
  });
});
