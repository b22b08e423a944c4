import { stripe } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { NOW_MS, signedInput } from './test-support/deliveries.js';

const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

async function signedRequest(payload: unknown, init: { method?: string } = {}) {
  const scheme = stripe({ secret: 'whsec_fetch' });
  const input = await signedInput(scheme, payload);
  return new Request('https://example.test/webhooks', {
    method: init.method ?? 'POST',
    headers: input.headers as Record<string, string>,
    body: init.method === 'GET' ? undefined : (input.body as Uint8Array<ArrayBuffer>),
  });
}

describe('receiver.fetch (web Request → Response)', () => {
  const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_fetch' }), events, clock: () => NOW_MS });
  const handler = vi.fn();
  receiver.on('invoice.paid', handler);

  it('handles a signed web Request and answers a JSON Response', async () => {
    const response = await receiver.fetch(await signedRequest({ id: 'evt_f1', type: 'invoice.paid' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 405 to GET', async () => {
    const response = await receiver.fetch(await signedRequest({ id: 'evt_f2' }, { method: 'GET' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a streamed body over the limit with 413 without reading it all', async () => {
    const small = createReceiver({ scheme: stripe({ secret: 'whsec_fetch' }), maxBodyBytes: 1024 });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
        if (pulled > 10_000) controller.close();
      },
    });
    const request = new Request('https://example.test/webhooks', {
      method: 'POST',
      body: stream,
      // @ts-expect-error Node's fetch needs duplex for a streamed body; lib.dom lacks it
      duplex: 'half',
    });
    const response = await small.fetch(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('answers 408 BODY_READ_TIMEOUT to a body that stops arriving, and stops reading it', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request('https://example.test/webhooks', {
      method: 'POST',
      body: stream,
      // @ts-expect-error Node's fetch needs duplex for a streamed body; lib.dom lacks it
      duplex: 'half',
    });
    const started = Date.now();
    const response = await receiver.fetch(request, { bodyTimeoutMs: 50 });
    expect([response.status, (await response.json()).code]).toEqual([408, 'BODY_READ_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(cancelled).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses a declared Content-Length over the limit with 413', async () => {
    const small = createReceiver({ scheme: stripe({ secret: 'whsec_fetch' }), maxBodyBytes: 10 });
    const response = await small.fetch(
      new Request('https://example.test/webhooks', {
        method: 'POST',
        body: 'x'.repeat(100),
        headers: { 'content-length': '100' },
      }),
    );
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('receiver.fetch on a body that was already read', () => {
  function recordingReceiver() {
    const errors: { code: string; provider: string }[] = [];
    const logs: { level: string; fields: Record<string, unknown> }[] = [];
    const log = (level: string) => (fields: Record<string, unknown>) => void logs.push({ level, fields });
    const receiver = createReceiver({
      scheme: stripe({ secret: 'whsec_fetch' }),
      events,
      clock: () => NOW_MS,
      onError: (error, context) => void errors.push({ code: error.code, provider: context.provider }),
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    return { receiver, errors, logs };
  }

  it('answers 500 RAW_BODY_UNAVAILABLE after await request.text(), through onError and the log', async () => {
    const { receiver, errors, logs } = recordingReceiver();
    const request = await signedRequest({ id: 'evt_used', type: 'invoice.paid' });
    await request.text();
    const response = await receiver.fetch(request);
    expect(response.status).toBe(500);
    expect((await response.json()).code).toBe('RAW_BODY_UNAVAILABLE');
    expect(errors).toEqual([{ code: 'RAW_BODY_UNAVAILABLE', provider: 'stripe' }]);
    expect(logs).toEqual([
      {
        level: 'error',
        fields: expect.objectContaining({ code: 'RAW_BODY_UNAVAILABLE', provider: 'stripe' }),
      },
    ]);
  });

  it('answers 500 RAW_BODY_UNAVAILABLE when the stream is locked by a reader', async () => {
    const { receiver, errors } = recordingReceiver();
    const request = await signedRequest({ id: 'evt_locked', type: 'invoice.paid' });
    request.body?.getReader();
    const response = await receiver.fetch(request);
    expect(response.status).toBe(500);
    expect((await response.json()).code).toBe('RAW_BODY_UNAVAILABLE');
    expect(errors.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  });
});

describe('receiver.fetch on a body stream that fails', () => {
  it('answers 500 RAW_BODY_UNAVAILABLE instead of throwing', async () => {
    const receiver = createReceiver({ scheme: stripe({ secret: 'whsec_fetch' }), logger: false });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request('https://example.test/webhooks', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await receiver.fetch(request);
    expect(response.status).toBe(500);
    expect((await response.json()).code).toBe('RAW_BODY_UNAVAILABLE');
  });
});
