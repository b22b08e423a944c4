import { configuredPublicUrl, type EventSchemas, type Receiver, WebhookError } from '@hookgate/core';
import { decodeBody } from './decode-body.js';
import { eventRequest } from './event-request.js';
import { eventResult } from './event-result.js';
import {
  type AlbEvent,
  type AlbResult,
  type ApiGatewayResult,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
  eventKind,
  type LambdaEventKind,
  type LambdaHttpEvent,
} from './events.js';

/** Options of {@link createLambdaHandler}. */
export interface LambdaHandlerOptions {
  /**
   * The URL the sender signs (Twilio, Square), exactly as configured there, or a function of
   * the event that returns it. Give it behind CloudFront or a custom domain whose API mapping
   * changes the path, and when the query string has characters with more than one encoding.
   * @default rebuilt from the event (domain, stage or base path, path, query string)
   */
  publicUrl?: (string | ((event: LambdaHttpEvent) => string)) | undefined;
}

/** The Lambda handler: each event shape gets its own result shape. */
export interface LambdaWebhookHandler {
  (event: ApiGatewayV2Event): Promise<ApiGatewayResult>;
  (event: AlbEvent): Promise<AlbResult>;
  (event: ApiGatewayV1Event): Promise<ApiGatewayResult>;
  (event: LambdaHttpEvent): Promise<ApiGatewayResult | AlbResult>;
}

/** The receiver surface the handler uses: any `Receiver<TEvents>` fits. */
export type LambdaReceiver = Pick<Receiver<EventSchemas>, 'handle' | 'reject' | 'maxBodyBytes'>;

/**
 * An AWS Lambda handler for webhooks behind API Gateway (REST APIs, HTTP APIs with payload 1.0
 * or 2.0), a Lambda function URL or an Application Load Balancer (single- or multi-value
 * headers). It rebuilds the raw body (base64 or plain) and the public URL from the event, hands
 * them to the receiver and answers in the event source's result shape. Never throws: a bad
 * event is answered with hookgate's JSON error, reported to `onError`.
 *
 * @example
 * ```ts
 * export const handler = createLambdaHandler(receiver);
 * ```
 */
export function createLambdaHandler(
  receiver: LambdaReceiver,
  options: LambdaHandlerOptions = {},
): LambdaWebhookHandler {
  async function hookgateLambdaHandler(event: LambdaHttpEvent): Promise<ApiGatewayResult | AlbResult> {
    const kind = eventKind(event);
    // Not an HTTP request this handler knows, or one whose fields are not of the types AWS
    // writes (an invocation by something else): refused (400, reported), answered in the plain
    // shape every HTTP source reads, never a throw.
    const refuse = (cause?: unknown, shape: LambdaEventKind = 'api-gateway-v2') => {
      const refusal = new WebhookError(
        'INVALID_PAYLOAD',
        'the event is not an HTTP request from API Gateway (REST or HTTP API), a function URL or an ALB',
        { cause },
      );
      return eventResult(receiver.reject(refusal, { method: 'POST', headers: {} }), event, shape);
    };
    if (!kind) return refuse();
    let request: ReturnType<typeof eventRequest>;
    try {
      request = eventRequest(event, kind);
    } catch (cause) {
      // The kind is known (an ALB event with a malformed field): answer in its shape.
      return refuse(cause, kind);
    }
    const configured = configuredPublicUrl(options.publicUrl, event);
    if (configured instanceof WebhookError)
      return eventResult(receiver.reject(configured, request), event, kind);
    if (configured !== undefined) request.url = configured;
    const body = decodeBody(event.body, event.isBase64Encoded, receiver.maxBodyBytes);
    const result =
      body instanceof WebhookError
        ? receiver.reject(body, request)
        : await receiver.handle({ ...request, body });
    return eventResult(result, event, kind);
  }
  return hookgateLambdaHandler as LambdaWebhookHandler;
}
