import { createReceiver } from '@hookgate/core';
import { createLambdaHandler } from '@hookgate/lambda';
import { stripe } from '@hookgate/signatures';
import { failingPublicUrl } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { type EventSample, eventSamples, sampleEvent } from './lambda-events.js';

// A HEAD answer carries no body (RFC 9110 §9.3.2), whatever the event source: API Gateway and
// function URLs pass a result's body on as it is.
describe('createLambdaHandler: HEAD', () => {
  const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_lambda_head' }), logger: false });

  for (const name of Object.keys(eventSamples) as EventSample[]) {
    it(`${name}: 405 with Allow: POST and an empty body`, async () => {
      const handler = createLambdaHandler(receiver);
      const result = await handler(sampleEvent(name, { method: 'HEAD', headers: {}, body: '' }));
      expect(result.statusCode).toBe(405);
      expect(result.body).toBe('');
      const allow = 'multiValueHeaders' in result ? result.multiValueHeaders?.allow?.[0] : undefined;
      expect(allow ?? result.headers?.allow).toBe('POST');
    });
  }

  it('a refusal before the receiver runs (a throwing publicUrl) has no body either', async () => {
    const handler = createLambdaHandler(receiver, { publicUrl: failingPublicUrl });
    const result = await handler(sampleEvent('api-gateway-v2', { method: 'HEAD', headers: {}, body: '' }));
    expect(result).toMatchObject({ statusCode: 500, body: '' });
  });
});
