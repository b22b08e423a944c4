// hookgate with OpenTelemetry, exporting to the console: register the SDK (here with console
// exporters; in production an OTLP exporter, or @opentelemetry/sdk-node), create the receiver as
// usual, and every delivery gets a `webhook receive <provider>` span, its handlers a
// `webhook process <event type>` span, and the hookgate.* metrics are recorded.
//
//   npm start -w hookgate-example-otel
import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';

// 1. The SDK, once at start-up (before or after creating receivers: both work).
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
trace.setGlobalTracerProvider(tracerProvider);
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new ConsoleMetricExporter(),
      exportIntervalMillis: 60_000,
    }),
  ],
});
metrics.setGlobalMeterProvider(meterProvider);

// 2. The receiver: nothing to configure for telemetry.
const secret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_example_secret';
const scheme = stripe({ secret });
let fail = true;
const receiver = createReceiver({
  scheme,
  events: {
    'invoice.paid': z.object({
      id: z.string(),
      data: z.object({ object: z.object({ amount_paid: z.number() }) }),
    }),
  },
}).on('invoice.paid', async (event) => {
  if (fail) throw new Error('database is down');
  console.log(`handled ${event.id}: paid ${event.data.object.amount_paid}`);
});

// 3. A few deliveries, as Stripe would send them: a failure, its retry, a duplicate, a forgery.
const body = JSON.stringify({
  id: 'evt_otel_1',
  type: 'invoice.paid',
  data: { object: { amount_paid: 1200 } },
});
const headers = await scheme.sign({ body });
const deliver = (bytes: string, signed: Record<string, string>) =>
  receiver.handle({ method: 'POST', url: 'http://localhost/webhooks/stripe', headers: signed, body: bytes });
console.log('first attempt:', (await deliver(body, headers)).status);
fail = false;
console.log('retry:', (await deliver(body, headers)).status);
console.log('duplicate:', (await deliver(body, headers)).status);
const forged = await stripe({ secret: 'whsec_not_the_endpoint_secret' }).sign({ body });
console.log('forgery:', (await deliver(body, forged)).status);

// 4. Flush the metrics before exiting (an application shuts its providers down on exit).
await meterProvider.shutdown();
await tracerProvider.shutdown();
