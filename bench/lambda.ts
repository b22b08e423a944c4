/**
 * Figure: the Lambda handler's overhead per invocation. The floor is `receiver.handle` called
 * directly with the fields of the same API Gateway HTTP API (payload 2.0) event (method, URL,
 * headers, body text); the contenders are `createLambdaHandler(receiver)` on that event, on
 * a REST API (payload 1.0) event with multi-value headers, and on a function URL event with a
 * base64 body. Every operation is a new 2 KiB Stripe delivery (pre-signed before each batch,
 * untimed), so the memory store claims a new id each time.
 *
 * Reported, no target. Knobs: BENCH_ROUNDS (15), BENCH_BATCH_MS (15), BENCH_LAMBDA_SIZE (2048).
 */
import { createLambdaHandler } from '@hookgate/lambda';
import { type Delivery, stripeDeliveries } from './lib/deliveries.js';
import { type Contender, measure, printFigures } from './lib/measure.js';
import { handledCount, stripeReceiver } from './lib/receivers.js';
import { envNumber, formatBytes, note, printVerdicts } from './lib/report.js';

const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const size = envNumber('BENCH_LAMBDA_SIZE', 2048);

const factory = stripeDeliveries({ size });
const receiver = stripeReceiver();
const handler = createLambdaHandler(receiver);
const domainName = 'q8w2e4r6t1.execute-api.us-east-1.amazonaws.com';
const extraHeaders = {
  accept: '*/*',
  host: domainName,
  'x-amzn-trace-id': 'Root=1-6751c9e5-3c1f4b2a6d7e8f9a0b1c2d3e',
  'x-forwarded-for': '54.187.174.169',
  'x-forwarded-port': '443',
  'x-forwarded-proto': 'https',
};

function v2Event({ headers, body }: Delivery, base64 = false) {
  return {
    version: '2.0',
    routeKey: 'POST /webhooks/stripe',
    rawPath: '/webhooks/stripe',
    rawQueryString: '',
    headers: { ...extraHeaders, ...headers },
    requestContext: {
      domainName,
      http: { method: 'POST', path: '/webhooks/stripe', protocol: 'HTTP/1.1', sourceIp: '54.187.174.169' },
      stage: '$default',
    },
    body: body.toString(base64 ? 'base64' : 'utf8'),
    isBase64Encoded: base64,
  };
}

function v1Event({ headers, body }: Delivery) {
  const all = { ...extraHeaders, ...headers };
  return {
    httpMethod: 'POST',
    path: '/webhooks/stripe',
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: { stage: 'prod', path: '/prod/webhooks/stripe', domainName },
    body: body.toString('utf8'),
    isBase64Encoded: false,
  };
}

let failures = 0;
let operations = 0;
const check = (status: number, body: string) => {
  operations++;
  if (status !== 200 || body !== '{"ok":true}') failures++;
};

/** A contender that takes a fresh event per operation from a pool filled before each batch. */
function fresh<E>(
  name: string,
  make: (delivery: Delivery) => E,
  run: (event: E) => Promise<void>,
): Contender {
  let pool: E[] = [];
  let next = 0;
  return {
    name,
    setup(count) {
      pool = Array.from({ length: count }, () => make(factory.next()));
      next = 0;
    },
    run: () => run(pool[next++]!),
  };
}

const FLOOR = 'receiver.handle on the event fields';
const handled = handledCount();
const figures = await measure(
  [
    fresh(
      FLOOR,
      (delivery) => v2Event(delivery),
      async (event) => {
        const result = await receiver.handle({
          method: event.requestContext.http.method,
          url: `https://${event.requestContext.domainName}${event.rawPath}`,
          headers: event.headers,
          body: event.body,
        });
        check(result.status, result.body);
      },
    ),
    fresh(
      'lambda handler, HTTP API (2.0)',
      (delivery) => v2Event(delivery),
      async (event) => {
        const result = await handler(event);
        check(result.statusCode, result.body);
      },
    ),
    fresh('lambda handler, REST API (1.0, multi-value)', v1Event, async (event) => {
      const result = await handler(event);
      check(result.statusCode, result.body);
    }),
    fresh(
      'lambda handler, function URL (base64)',
      (delivery) => v2Event(delivery, true),
      async (event) => {
        const result = await handler(event);
        check(result.statusCode, result.body);
      },
    ),
  ],
  { rounds, batchMs, maxBatch: 4000, warmupMs: envNumber('BENCH_WARMUP_MS', 1500), floor: FLOOR },
);

const title = `Lambda handler, ${formatBytes(size)} Stripe invoice.paid, a new delivery each time`;
printFigures(title, figures);
const handlerRuns = handledCount() - handled;
const valid =
  failures === 0 && handlerRuns === operations
    ? `${handlerRuns} deliveries, each handled once`
    : `INVALID RUN: ${failures} answers other than 200 {ok:true}, ${handlerRuns} handler runs for ${operations} deliveries`;
for (const figure of figures.slice(1)) {
  note(`${title}: ${figure.name} to receiver.handle`, `${figure.ratio.toFixed(2)}x; ${valid}`);
}
printVerdicts();
