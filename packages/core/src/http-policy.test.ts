import { errorCodes, WebhookError, type WebhookErrorCode } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { errorPolicy, errorStatus, httpStatusOf, levelOf } from './http-policy.js';
import { errorResult } from './respond.js';

describe('the code → HTTP policy table', () => {
  it('has a status and a retry decision for every code of @hookgate/signatures, and no other', () => {
    expect(Object.keys(errorPolicy).sort()).toEqual(Object.keys(errorCodes).sort());
    for (const [code, { status, retry }] of Object.entries(errorPolicy)) {
      expect(errorStatus[code as WebhookErrorCode]).toBe(status);
      // A retryable failure is ours (5xx), a conflict (409), a slow read (408) or a schema to fix (422).
      if (retry) expect([408, 409, 422, 500, 503]).toContain(status);
      else expect(status).toBeLessThan(500);
    }
  });

  it('answers as the README tables say', () => {
    expect(errorStatus).toMatchObject({
      INVALID_SIGNATURE: 401,
      TIMESTAMP_OUT_OF_RANGE: 401,
      MISSING_HEADER: 400,
      MALFORMED_HEADER: 400,
      SCHEMA_MISMATCH: 422,
      DELIVERY_IN_FLIGHT: 409,
      HANDLER_FAILED: 500,
      STORE_UNAVAILABLE: 503,
      INVALID_SECRET: 500,
      INVALID_CONFIGURATION: 500,
      INTERNAL_ERROR: 500,
      RAW_BODY_UNAVAILABLE: 500,
      BODY_READ_TIMEOUT: 408,
      PAYLOAD_TOO_LARGE: 413,
      METHOD_NOT_ALLOWED: 405,
    });
  });

  it('gives errorResult its status and logs ours at error, the sender’s at warn', () => {
    const forged = new WebhookError('INVALID_SIGNATURE', 'no match');
    const down = new WebhookError('STORE_UNAVAILABLE', 'down');
    expect(errorResult(forged).status).toBe(401);
    expect(httpStatusOf(down)).toBe(503);
    expect(levelOf(forged)).toBe('warn');
    expect(levelOf(down)).toBe('error');
    expect(levelOf(new WebhookError('RECEIVER_CLOSED', 'shutting down'))).toBe('warn');
  });

  it('WebhookError itself carries no HTTP status (the policy is core’s)', () => {
    expect('status' in new WebhookError('INVALID_SIGNATURE', 'x')).toBe(false);
  });
});
