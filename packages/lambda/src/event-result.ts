import { STATUS_CODES } from 'node:http';
import type { HandleResult } from '@hookgate/core';
import type { AlbEvent, AlbResult, ApiGatewayResult, LambdaEventKind, LambdaHttpEvent } from './events.js';

/**
 * A receiver's answer in the shape the event's source expects: an ALB needs
 * `statusDescription`, and in multi-value headers mode reads `multiValueHeaders` only.
 */
export function eventResult(
  result: HandleResult,
  event: LambdaHttpEvent,
  kind: LambdaEventKind,
): ApiGatewayResult | AlbResult {
  const { status: statusCode, headers, body } = result;
  if (kind !== 'alb') return { statusCode, headers, body, isBase64Encoded: false };
  const statusDescription = `${statusCode} ${STATUS_CODES[statusCode] ?? ''}`.trimEnd();
  if (!(event as AlbEvent).multiValueHeaders) {
    return { statusCode, statusDescription, headers, body, isBase64Encoded: false };
  }
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value];
  return { statusCode, statusDescription, multiValueHeaders, body, isBase64Encoded: false };
}
