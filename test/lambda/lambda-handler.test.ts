import { createReceiver, WebhookError } from '@hookgate/core';
import { type AlbEvent, createLambdaHandler, type LambdaHandlerOptions } from '@hookgate/lambda';
import { stripe, twilio } from '@hookgate/signatures';
import { failingPublicUrl, signDelivery } from '@hookgate/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeBody } from '../../packages/lambda/src/decode-body.js';
import { type EventSample, eventSamples, sampleEvent, sampleUrl } from './lambda-events.js';

const secret = 'whsec_lambda_tests';
const scheme = stripe({ secret });
const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };
const samples = Object.keys(eventSamples) as EventSample[];

function setup(maxBodyBytes?: number, options?: LambdaHandlerOptions) {
  const runs: unknown[] = [];
  const errors: WebhookError[] = [];
  const receiver = createReceiver({
    scheme,
    events,
    maxBodyBytes,
    onError: (error) => void errors.push(error),
  }).on('invoice.paid', (payload) => void runs.push(payload));
  return { handler: createLambdaHandler(receiver, options), runs, errors };
}

async function signed(id: string, body = JSON.stringify({ id, type: 'invoice.paid' })) {
  const { headers } = await signDelivery(scheme, { body });
  return { headers, body };
}

describe('createLambdaHandler', () => {
  for (const name of samples) {
    for (const base64 of [false, true]) {
      it(`${name}, ${base64 ? 'base64' : 'plain'} body: delivers once, acknowledges the duplicate, refuses tampering`, async () => {
        const { handler, runs } = setup();
        const delivery = await signed(`evt_${name}_${base64}`);
        const result = await handler(sampleEvent(name, { ...delivery, base64 }));
        expect(result).toMatchObject({ statusCode: 200, body: '{"ok":true}', isBase64Encoded: false });
        expect(runs).toEqual([JSON.parse(delivery.body)]);

        const duplicate = await handler(sampleEvent(name, { ...delivery, base64 }));
        expect(JSON.parse(duplicate.body)).toEqual({ ok: true, duplicate: true });

        const tampered = await handler(
          sampleEvent(name, { ...delivery, body: delivery.body.replace('evt_', 'evt-'), base64 }),
        );
        expect(tampered.statusCode).toBe(401);
        expect(runs).toHaveLength(1);
      });
    }
  }

  it('answers in each source’s result shape (ALB: statusDescription; multi-value mode: multiValueHeaders only)', async () => {
    const { handler } = setup();
    const delivery = await signed('evt_shapes');
    const rest = await handler(sampleEvent('api-gateway-v1', delivery));
    expect(Object.keys(rest).sort()).toEqual(['body', 'headers', 'isBase64Encoded', 'statusCode']);
    expect(rest.headers['content-type']).toMatch(/^application\/json/);
    const alb = await handler(sampleEvent('alb', { ...delivery, method: 'GET' }));
    expect(alb).toMatchObject({ statusCode: 405, statusDescription: '405 Method Not Allowed' });
    expect(alb.headers?.allow).toBe('POST');
    expect(alb.multiValueHeaders).toBeUndefined();
    const multi = await handler(sampleEvent('alb-multi-value', delivery));
    expect(multi).toMatchObject({ statusCode: 200, statusDescription: '200 OK' });
    expect(multi.headers).toBeUndefined();
    expect(multi.multiValueHeaders?.['content-type']?.[0]).toMatch(/^application\/json/);

    // A known source with a malformed field is refused in that source's shape too.
    const broken = {
      ...sampleEvent('alb-multi-value', delivery),
      multiValueHeaders: { 'x-a': 'not a list' },
    };
    const refused = await handler(broken as unknown as AlbEvent);
    expect(refused).toMatchObject({ statusCode: 400, statusDescription: '400 Bad Request' });
    expect(refused.multiValueHeaders?.['content-type']?.[0]).toMatch(/^application\/json/);
  });

  it('refuses a stale delivery with 401 TIMESTAMP_OUT_OF_RANGE', async () => {
    const { handler, errors } = setup();
    const body = JSON.stringify({ id: 'evt_stale', type: 'invoice.paid' });
    const { headers } = await signDelivery(scheme, { body, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const result = await handler(sampleEvent('api-gateway-v2', { headers, body }));
    expect(result.statusCode).toBe(401);
    expect(errors.map((error) => error.code)).toEqual(['TIMESTAMP_OUT_OF_RANGE']);
  });

  for (const name of samples) {
    it(`${name}: rebuilds the public URL a URL-signing sender (Twilio) signed, query string included`, async () => {
      const token = 'lambda-twilio-token';
      const payloads: unknown[] = [];
      const handler = createLambdaHandler(
        createReceiver({
          scheme: twilio({ secret: token }),
          events: { 'call.status': z.object({ CallSid: z.string() }) },
        }).on('call.status', (payload) => void payloads.push(payload)),
      );
      const path = name === 'function-url' ? '/' : '/webhooks/twilio';
      const query: [string, string][] = [
        ['tenant', 'acme%20corp'],
        ['region', 'eu'],
      ];
      const url = sampleUrl(name, path, 'tenant=acme%20corp&region=eu');
      const body = 'CallSid=CA0001&CallStatus=completed';
      const { headers } = await signDelivery(twilio({ secret: token }), { body, url });
      const result = await handler(sampleEvent(name, { headers, body, path, query }));
      expect(result.statusCode, result.body).toBe(200);
      expect(payloads).toEqual([{ CallSid: 'CA0001' }]);
    });
  }

  it('uses the configured publicUrl (a string or a function of the event)', async () => {
    const token = 'lambda-twilio-token';
    const url = 'https://hooks.example.com/twilio';
    const receiver = createReceiver({ scheme: twilio({ secret: token }) });
    const body = 'CallSid=CA0002&CallStatus=completed';
    const { headers } = await signDelivery(twilio({ secret: token }), { body, url });
    for (const publicUrl of [url, () => url]) {
      const result = await createLambdaHandler(receiver, { publicUrl })(
        sampleEvent('api-gateway-v2', { headers, body }),
      );
      expect(JSON.parse(result.body)).not.toMatchObject({ code: 'INVALID_SIGNATURE' });
    }
  });

  it('refuses an event that is no HTTP request (SQS, a WebSocket route, {}) with 400, reported, never a throw', async () => {
    const { handler, runs, errors } = setup();
    const events = [
      {},
      { Records: [{ eventSource: 'aws:sqs', body: '{}' }] },
      { requestContext: { routeKey: '$default', eventType: 'MESSAGE', connectionId: 'c' }, body: '{}' },
      { version: '2.1', requestContext: {} },
    ];
    for (const event of events) {
      const result = await handler(event as unknown as Parameters<typeof handler>[0]);
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
    expect(runs).toEqual([]);
    expect(errors.map((error) => error.code)).toEqual(events.map(() => 'INVALID_PAYLOAD'));
  });

  it('answers 500 INTERNAL_ERROR, reported and without its text, when the publicUrl function throws', async () => {
    const { handler, runs, errors } = setup(undefined, { publicUrl: failingPublicUrl });
    const result = await handler(sampleEvent('api-gateway-v2', await signed('evt_url')));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
    expect(result.body).not.toMatch(/hunter2|tenant lookup/);
    expect(runs).toEqual([]);
    expect(errors.map((error) => error.code)).toEqual(['INTERNAL_ERROR']);
  });

  for (const base64 of [false, true]) {
    it(`refuses an oversize ${base64 ? 'base64' : 'plain'} body with 413 PAYLOAD_TOO_LARGE`, async () => {
      const { handler, runs, errors } = setup(256);
      const delivery = await signed(
        '',
        JSON.stringify({ id: `evt_${'x'.repeat(300)}`, type: 'invoice.paid' }),
      );
      const result = await handler(sampleEvent('api-gateway-v1', { ...delivery, base64 }));
      expect(result.statusCode).toBe(413);
      expect(JSON.parse(result.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(errors.map((error) => error.code)).toEqual(['PAYLOAD_TOO_LARGE']);
      expect(runs).toEqual([]);
    });
  }

  it('counts the limit in bytes: a plain body of multi-byte characters over it is 413', async () => {
    const { handler } = setup(256);
    // 100 UTF-16 units, 300 UTF-8 bytes.
    const delivery = await signed('', JSON.stringify({ id: '€'.repeat(100), type: 'invoice.paid' }));
    expect((await handler(sampleEvent('alb', delivery))).statusCode).toBe(413);
  });

  it('refuses a body that says it is base64 but is not with 400 INVALID_PAYLOAD', async () => {
    const { handler, errors } = setup();
    const delivery = await signed('evt_bad_base64');
    const event = sampleEvent('function-url', delivery);
    for (const body of ['eyJpZCI6*', 'eyJ', 'eyJpZA==\n', 'eyJpZA=', 'e yJpZA==']) {
      const result = await handler({ ...event, body });
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body)).toMatchObject({ code: 'INVALID_PAYLOAD' });
    }
    expect(errors).toHaveLength(5);
  });

  it('property: a base64 body is accepted exactly when it is the canonical encoding of its bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n*'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 64 }), (chars) => {
        const text = chars.join('');
        const decoded = decodeBody(text, true, 1024);
        if (decoded instanceof WebhookError) {
          expect(decoded.code).toBe('INVALID_PAYLOAD');
          expect(Buffer.from(text, 'base64').toString('base64')).not.toBe(text);
        } else {
          expect(Buffer.from(decoded).toString('base64')).toBe(text);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeBody(Buffer.from(bytes).toString('base64'), true, 1024);
        expect(decoded).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it('keeps every value of a repeated header (a second signature header is refused, not ignored)', async () => {
    const { handler, runs } = setup();
    const delivery = await signed('evt_repeat');
    const event = sampleEvent('alb-multi-value', delivery);
    (event.multiValueHeaders as Record<string, string[]>)['stripe-signature'] = [
      delivery.headers['stripe-signature']!,
      't=1,v1=00',
    ];
    const result = await handler(event);
    expect(result.statusCode).toBe(400);
    expect(runs).toEqual([]);
  });

  it('property: any body string, base64 or not, gets an answer (never a throw); signed bytes always verify', async () => {
    const { handler } = setup(4096);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.boolean(), async (body, base64) => {
        const event = {
          ...sampleEvent('api-gateway-v1', { headers: {}, body: '' }),
          body,
          isBase64Encoded: base64,
        };
        const result = await handler(event);
        expect([400, 401, 413]).toContain(result.statusCode);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const { headers } = await signDelivery(scheme, { body: bytes });
        const result = await handler(sampleEvent('function-url', { headers, body: bytes, base64: true }));
        // Verified: anything but 401 (the bytes are rarely a valid event, so mostly 400).
        expect(result.statusCode).not.toBe(401);
      }),
      { numRuns: 100 },
    );
  });
});
