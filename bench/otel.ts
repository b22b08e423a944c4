/**
 * Figure: what OpenTelemetry costs `receiver.handle` (the `handle` figure's 16 KiB Stripe
 * delivery, zod schema, a new delivery each time). First with `@opentelemetry/api` installed
 * and loaded but no SDK registered (what every application that has the API through another
 * dependency pays), against the same receiver with `telemetry: false`, the path of an
 * application without the API. Then with the SDK registered (a tracer provider with a simple
 * span processor and in-memory exporter, a meter provider, an AsyncLocalStorage context
 * manager): the real cost of a receive span, a process span and five instruments.
 *
 * Target: ≤ 1.02× without an SDK; the SDK ratio is reported. Knobs: BENCH_ROUNDS (15),
 * BENCH_BATCH_MS (15), BENCH_HANDLE_SIZE (16384).
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { freshContender, stripeDeliveries } from './lib/deliveries.js';
import { type Contender, measure, printFigures } from './lib/measure.js';
import { handledCount, stripeReceiver } from './lib/receivers.js';
import { envNumber, formatBytes, note, printVerdicts, verdict } from './lib/report.js';

const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const size = envNumber('BENCH_HANDLE_SIZE', 16384);
const factory = stripeDeliveries({ size });
const spans = new InMemorySpanExporter();

let failures = 0;
/** A contender handling a fresh delivery per operation, as in the `handle` figure. */
function contender(name: string, receiver: ReturnType<typeof stripeReceiver>): Contender {
  return freshContender(
    name,
    factory,
    async ({ headers, body }) => {
      const result = await receiver.handle({
        method: 'POST',
        url: 'https://example.test/webhooks',
        headers,
        body,
      });
      if (result.status !== 200) failures++;
    },
    () => spans.reset(),
  );
}

const FLOOR = 'receiver.handle, telemetry: false';
const off = stripeReceiver({ telemetry: false });
const on = stripeReceiver();
// The API loads lazily on the first delivery; make sure it has before timing anything.
const probe = contender('load', on);
await probe.setup?.(1);
await probe.run();
const handledBefore = handledCount();

const title = `receiver.handle, ${formatBytes(size)} Stripe invoice.paid, with @opentelemetry/api`;
const options = {
  rounds,
  batchMs,
  maxBatch: 2000,
  warmupMs: envNumber('BENCH_WARMUP_MS', 1500),
  floor: FLOOR,
};
const bare = await measure([contender(FLOOR, off), contender('API loaded, no SDK registered', on)], options);
printFigures(`${title}, no SDK`, bare);
verdict(
  `${title}: API without an SDK to telemetry off`,
  bare[1]!.ratio,
  { max: 1.02 },
  failures > 0 ? `INVALID RUN: ${failures} failures` : '',
);

class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new OnDemandReader()] }));
const sdk = await measure([contender(FLOOR, off), contender('SDK with in-memory exporters', on)], options);
printFigures(`${title}, SDK registered`, sdk);
note(
  `${title}: SDK with in-memory exporters`,
  `${sdk[1]!.ratio.toFixed(2)}x telemetry off (2 spans, 5 instruments per delivery)${failures > 0 ? `; INVALID RUN: ${failures} failures` : ''}`,
);
if (handledCount() === handledBefore) throw new Error('no delivery was handled');
printVerdicts();
