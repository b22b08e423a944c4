import type { HandleInput } from '@hookgate/core';
import type {
  AlbEvent,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaEventKind,
  LambdaHttpEvent,
  LambdaMultiValueMap,
  LambdaStringMap,
  PayloadV1Fields,
} from './events.js';

/** The method, headers and public URL of an event; the body is read by `decodeBody`. */
export type EventRequest = Omit<HandleInput, 'body'> & { url: string };

/**
 * The request an event stands for. The URL is the one the sender called, as Twilio and Square
 * sign it: API Gateway and function URLs are HTTPS only, under the domain in the request
 * context; behind an ALB the scheme is the `X-Forwarded-Proto` the load balancer itself writes.
 */
export function eventRequest(event: LambdaHttpEvent, kind: LambdaEventKind): EventRequest {
  if (kind === 'api-gateway-v2') {
    const v2 = event as ApiGatewayV2Event;
    const headers = lowerCased(v2.headers, undefined);
    // Payload 2.0 moves Cookie headers into `cookies`.
    if (v2.cookies?.length) headers.cookie = v2.cookies.join('; ');
    const query = v2.rawQueryString ? `?${v2.rawQueryString}` : '';
    const host = v2.requestContext.domainName;
    return { method: v2.requestContext.http.method, headers, url: `https://${host}${v2.rawPath}${query}` };
  }
  const v1 = event as ApiGatewayV1Event | AlbEvent;
  const headers = lowerCased(v1.headers, v1.multiValueHeaders);
  const host = first(headers.host) ?? '';
  if (kind === 'alb') {
    // ALB passes query parameters as they were sent, not decoded: joined back, they are the
    // original query string.
    const query = queryString(v1, (part) => part);
    const proto = first(headers['x-forwarded-proto']) === 'http' ? 'http' : 'https';
    return { method: v1.httpMethod, headers, url: `${proto}://${host}${v1.path}${query}` };
  }
  // REST APIs decode query parameters; re-encoded, they are the query string a client sends
  // in the usual percent-encoding. `requestContext.path` keeps the stage or base path prefix.
  const rest = v1 as ApiGatewayV1Event;
  const query = queryString(rest, encodeQueryPart);
  const domain = rest.requestContext.domainName ?? host;
  const path = rest.requestContext.path ?? rest.path;
  return { method: rest.httpMethod, headers, url: `https://${domain}${path}${query}` };
}

/** Headers with lower-case names; repeated values (from either map) are kept, not dropped. */
function lowerCased(single: LambdaStringMap, multi: LambdaMultiValueMap): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (multi) {
    for (const [name, values] of Object.entries(multi)) {
      if (!values) continue;
      if (!Array.isArray(values) || !values.every(isString))
        throw new TypeError(`header ${name} is not a list of strings`);
      const key = name.toLowerCase();
      const seen = out[key];
      out[key] = seen === undefined ? [...values] : [...seen, ...values];
    }
    return out;
  }
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value === undefined) continue;
    if (!isString(value)) throw new TypeError(`header ${name} is not a string`);
    const key = name.toLowerCase();
    const seen = out[key];
    out[key] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  return out;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function first(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function queryString(
  event: Pick<PayloadV1Fields, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
  encode: (part: string) => string,
): string {
  const pairs: string[] = [];
  const multi = event.multiValueQueryStringParameters;
  const entries: [string, readonly string[]][] = multi
    ? Object.entries(multi).map(([name, values]) => [name, values ?? []])
    : Object.entries(event.queryStringParameters ?? {}).map(([name, value]) => [
        name,
        value === undefined ? [] : [value],
      ]);
  for (const [name, values] of entries) {
    for (const value of values) pairs.push(`${encode(name)}=${encode(value)}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

// A lone surrogate has no UTF-8 encoding (encodeURIComponent throws on it): it is U+FFFD, as
// TextEncoder and every client that sends the parameter write it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeQueryPart(part: string): string {
  return encodeURIComponent(part.replace(LONE_SURROGATE, '\uFFFD'));
}
