import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A metric reader collected on demand. */
class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** One data point of a collected metric: its instrument, attributes and value. */
export interface Point {
  name: string;
  attributes: Record<string, unknown>;
  value: unknown;
}

/**
 * Registers the OpenTelemetry SDK globally with in-memory span and metric exporters, as an
 * application would (an AsyncLocalStorage context manager, so spans nest across awaits).
 */
export function registerInMemoryOtel() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    finishedSpans: (): ReadableSpan[] => spans.getFinishedSpans(),
    reset: () => spans.reset(),
    /** Every data point of every metric collected now (cumulative). */
    async points(): Promise<Point[]> {
      const { resourceMetrics } = await reader.collect();
      return flatten(resourceMetrics);
    },
    /**
     * How much metric `name` with `attributes` (a counter's value, a histogram's sum) grew
     * while `run` ran.
     */
    async grownDuring(name: string, attributes: Record<string, unknown>, run: () => Promise<unknown>) {
      const total = async () =>
        flatten((await reader.collect()).resourceMetrics)
          .filter(
            (point) =>
              point.name === name &&
              Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
          )
          .reduce((sum, point) => {
            const value = point.value as number | { sum: number };
            return sum + (typeof value === 'number' ? value : value.sum);
          }, 0);
      const before = await total();
      await run();
      return (await total()) - before;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

function flatten(resourceMetrics: ResourceMetrics): Point[] {
  return resourceMetrics.scopeMetrics.flatMap((scope) =>
    scope.metrics.flatMap((metric) =>
      metric.dataPoints.map((point) => ({
        name: metric.descriptor.name,
        attributes: { ...point.attributes },
        value: point.value,
      })),
    ),
  );
}
