import { readFileSync } from 'node:fs';
import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event } from '@hookgate/lambda';

/** The event samples in ./events, shaped like AWS's documented examples of each source. */
export const eventSamples = {
  'api-gateway-v1': 'api-gateway-v1.json',
  'api-gateway-v2': 'api-gateway-v2.json',
  'function-url': 'function-url.json',
  alb: 'alb.json',
  'alb-multi-value': 'alb-multi-value.json',
} as const;

export type EventSample = keyof typeof eventSamples;

/** The event type of each sample. */
export interface SampleEvents {
  'api-gateway-v1': ApiGatewayV1Event;
  'api-gateway-v2': ApiGatewayV2Event;
  'function-url': ApiGatewayV2Event;
  alb: AlbEvent;
  'alb-multi-value': AlbEvent;
}

/** What a test puts into a sample event. */
export interface EventDelivery {
  method?: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  base64?: boolean;
  /** The path after the stage (REST) or as called (the others). */
  path?: string;
  /** Query parameters as the client sent them (`name`, `value`), already percent-encoded. */
  query?: [string, string][];
}

type Json = Record<string, unknown> & { requestContext: Record<string, unknown> };

/** A copy of sample `name` carrying `delivery` the way that source would. */
export function sampleEvent<K extends EventSample>(name: K, delivery: EventDelivery): SampleEvents[K] {
  const event = JSON.parse(
    readFileSync(new URL(`./events/${eventSamples[name]}`, import.meta.url), 'utf8'),
  ) as Json;
  const bytes = typeof delivery.body === 'string' ? new TextEncoder().encode(delivery.body) : delivery.body;
  const base64 = delivery.base64 ?? name === 'function-url';
  event.body = base64 ? Buffer.from(bytes).toString('base64') : new TextDecoder().decode(bytes);
  event.isBase64Encoded = base64;
  const method = delivery.method ?? 'POST';
  const query = delivery.query ?? [];
  const decode = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => [decodeURIComponent(k), decodeURIComponent(v)]);
  const single = (pairs: string[][]) => (pairs.length ? Object.fromEntries(pairs) : null);
  const multi = (pairs: string[][]) => {
    if (!pairs.length) return null;
    const out: Record<string, string[]> = {};
    for (const [k, v] of pairs) out[k!] = [...(out[k!] ?? []), v!];
    return out;
  };
  if (name === 'api-gateway-v2' || name === 'function-url') {
    const headers = event.headers as Record<string, string>;
    for (const [key, value] of Object.entries(delivery.headers)) headers[key.toLowerCase()] = value;
    if (delivery.path) {
      event.rawPath = delivery.path;
      (event.requestContext.http as Record<string, string>).path = delivery.path;
    }
    event.rawQueryString = query.map(([k, v]) => `${k}=${v}`).join('&');
    const params = single(decode(query));
    if (params) event.queryStringParameters = params;
    (event.requestContext.http as Record<string, string>).method = method;
    return event as unknown as SampleEvents[K];
  }
  event.httpMethod = method;
  if (name === 'api-gateway-v1') {
    const headers = event.headers as Record<string, string>;
    const multiHeaders = event.multiValueHeaders as Record<string, string[]>;
    for (const [key, value] of Object.entries(delivery.headers)) {
      // REST APIs keep the sender's spelling of a name; replace the sample's one.
      for (const map of [headers, multiHeaders]) {
        for (const name of Object.keys(map)) if (name.toLowerCase() === key.toLowerCase()) delete map[name];
      }
      headers[key] = value;
      multiHeaders[key] = [value];
    }
    if (delivery.path) {
      event.path = delivery.path;
      event.requestContext.path = `/${event.requestContext.stage}${delivery.path}`;
    }
    // REST APIs hand the parameters decoded.
    event.queryStringParameters = single(decode(query));
    event.multiValueQueryStringParameters = multi(decode(query));
    return event as unknown as SampleEvents[K];
  }
  if (delivery.path) event.path = delivery.path;
  // ALB hands the parameters as sent, not decoded.
  if (name === 'alb') {
    Object.assign(event.headers as Record<string, string>, lowerKeys(delivery.headers));
    event.queryStringParameters = single(query) ?? {};
  } else {
    const multiHeaders = event.multiValueHeaders as Record<string, string[]>;
    for (const [key, value] of Object.entries(lowerKeys(delivery.headers))) multiHeaders[key] = [value];
    event.multiValueQueryStringParameters = multi(query) ?? {};
  }
  return event as unknown as SampleEvents[K];
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The public URL each sample stands for, with `path` and `query` as sent. */
export function sampleUrl(name: EventSample, path: string, query = ''): string {
  const suffix = `${path}${query ? `?${query}` : ''}`;
  switch (name) {
    case 'api-gateway-v1':
      return `https://r7pmp3lxh1.execute-api.eu-west-1.amazonaws.com/prod${suffix}`;
    case 'api-gateway-v2':
      return `https://q8w2e4r6t1.execute-api.us-east-1.amazonaws.com${suffix}`;
    case 'function-url':
      return `https://a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.lambda-url.us-west-2.on.aws${suffix}`;
    default:
      return `https://webhooks-alb-1234567890.us-east-2.elb.amazonaws.com${suffix}`;
  }
}
