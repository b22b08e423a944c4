/**
 * The parts of the Lambda HTTP events and results hookgate reads and writes. Declared here,
 * structurally, so the package's types need no `@types/aws-lambda`; the events and results of
 * `@types/aws-lambda` fit them (checked by the type tests).
 */

/** Header or query values as AWS gives them (single-value maps). */
export type LambdaStringMap = Readonly<Record<string, string | undefined>> | null | undefined;
/** Multi-value header or query maps (REST APIs, and ALB targets in multi-value mode). */
export type LambdaMultiValueMap = Readonly<Record<string, readonly string[] | undefined>> | null | undefined;

/** The fields payload 1.0 events (REST APIs, ALB targets) share. */
export interface PayloadV1Fields {
  httpMethod: string;
  path: string;
  headers?: LambdaStringMap | undefined;
  multiValueHeaders?: LambdaMultiValueMap | undefined;
  queryStringParameters?: LambdaStringMap | undefined;
  multiValueQueryStringParameters?: LambdaMultiValueMap | undefined;
  body: string | null;
  isBase64Encoded: boolean;
}

/** An API Gateway REST API (payload 1.0) proxy event; HTTP APIs can send this shape too. */
export interface ApiGatewayV1Event extends PayloadV1Fields {
  requestContext: { stage?: string | undefined; path?: string | undefined; domainName?: string | undefined };
}

/** An API Gateway HTTP API (payload 2.0) or Lambda function URL event. */
export interface ApiGatewayV2Event {
  version: string;
  rawPath: string;
  rawQueryString: string;
  headers?: LambdaStringMap | undefined;
  cookies?: readonly string[] | undefined;
  body?: string | undefined;
  isBase64Encoded: boolean;
  requestContext: { domainName: string; http: { method: string } };
}

/** An Application Load Balancer target event (single- or multi-value headers mode). */
export interface AlbEvent extends PayloadV1Fields {
  requestContext: { elb: { targetGroupArn: string } };
}

/** Every event {@link createLambdaHandler} accepts. */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/** The answer to an API Gateway REST or HTTP API (1.0 or 2.0) or function URL event. */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** The answer to an ALB event: `headers` in single-value mode, `multiValueHeaders` otherwise. */
export interface AlbResult {
  statusCode: number;
  statusDescription: string;
  headers?: Record<string, string> | undefined;
  multiValueHeaders?: Record<string, string[]> | undefined;
  body: string;
  isBase64Encoded: false;
}

/** Which of the event shapes a request came in. */
export type LambdaEventKind = 'api-gateway-v1' | 'api-gateway-v2' | 'alb';

/**
 * The shape of `event`, by the fields only that shape has, or `undefined` for any other event
 * (SQS, a WebSocket route, a test `{}`): a payload 2.0 event has `requestContext.http.method`,
 * the others `httpMethod`, an ALB's `requestContext.elb`.
 */
export function eventKind(event: unknown): LambdaEventKind | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { version, httpMethod, requestContext } = event as {
    version?: unknown | undefined;
    httpMethod?: unknown | undefined;
    requestContext?: { http?: { method?: unknown }; elb?: unknown } | null | undefined;
  };
  if (typeof requestContext !== 'object' || requestContext === null) return undefined;
  if (version === '2.0')
    return typeof requestContext.http?.method === 'string' ? 'api-gateway-v2' : undefined;
  if (typeof httpMethod !== 'string') return undefined;
  return 'elb' in requestContext ? 'alb' : 'api-gateway-v1';
}
