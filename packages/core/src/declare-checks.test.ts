import { isWebhookError, stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { bodyOf, NOW_MS, signedInput } from './test-support/deliveries.js';
import { unchecked } from './unchecked.js';

const scheme = stripe({ secret: 'whsec_declare_checks' });

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('loud misconfiguration at registration', () => {
  it('refuses on() of a type events does not declare, saying how to declare it', () => {
    const receiver = createReceiver({ scheme, events: { 'invoice.paid': unchecked<{ id: string }>() } });
    // A JavaScript caller: no type error to stop it.
    const on = receiver.on as (type: string, handler: () => void) => unknown;
    const error = thrownBy(() => on.call(receiver, 'user.created', () => undefined));
    expect(isWebhookError(error) && error.code).toBe('INVALID_CONFIGURATION');
    const { message } = error as Error;
    expect(message).toContain("'user.created' is not declared");
    expect(message).toContain('unchecked<T>()');
    expect(message).toContain('onEvery()');
    expect(message).toContain('declared: invoice.paid');
  });

  it('refuses on() on a receiver with no events, and onAny() there too', () => {
    const receiver = createReceiver({ scheme });
    const on = receiver.on as (type: string, handler: () => void) => unknown;
    expect(() => on.call(receiver, 'anything', () => undefined)).toThrow(/no events are declared/);
    const error = thrownBy(() => receiver.onAny(() => undefined));
    expect(isWebhookError(error) && error.code).toBe('INVALID_CONFIGURATION');
    expect((error as Error).message).toContain('onEvery()');
  });

  it('refuses an events entry that is not a schema at startup, naming it and saying what to give', () => {
    for (const notSchema of ['invoice.paid', { id: 'string' }, null, { '~standard': {} }]) {
      const events = { 'invoice.paid': notSchema } as unknown as Record<string, ReturnType<typeof unchecked>>;
      const error = thrownBy(() => createReceiver({ scheme, events }));
      expect(isWebhookError(error) && error.code).toBe('INVALID_CONFIGURATION');
      expect((error as Error).message).toBe(
        "events['invoice.paid'] is not a schema: give a zod schema (zod >= 3.24), any Standard Schema (valibot, ArkType, …) or unchecked<T>()",
      );
    }
    expect(() =>
      createReceiver({ scheme, events: { a: z.object({}), b: unchecked<{ id: string }>() } }),
    ).not.toThrow();
  });

  it('refuses leaseMs not above handlerTimeoutMs with INVALID_CONFIGURATION', () => {
    const error = thrownBy(() => createReceiver({ scheme, handlerTimeoutMs: 5000, leaseMs: 5000 }));
    expect(isWebhookError(error) && error.code).toBe('INVALID_CONFIGURATION');
  });
});

describe('onEvery: the catch-all', () => {
  it('receives every verified delivery, declared or not, after the typed handlers, de-duplicated', async () => {
    const seen: string[] = [];
    const unhandled: unknown[] = [];
    const receiver = createReceiver({
      scheme,
      clock: () => NOW_MS,
      events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
      onUnhandled: (payload) => void unhandled.push(payload),
    })
      .on('invoice.paid', (event) => void seen.push(`typed:${event.id}`))
      .onEvery((payload, ctx) => void seen.push(`every:${ctx.eventType}:${(payload as { id: string }).id}`));
    const paid = await signedInput(scheme, { id: 'evt_1', type: 'invoice.paid' });
    const other = await signedInput(scheme, { id: 'evt_2', type: 'customer.created', extra: true });
    expect((await receiver.handle(paid)).status).toBe(200);
    expect((await receiver.handle(other)).status).toBe(200);
    expect(bodyOf(await receiver.handle(other))).toEqual({ ok: true, duplicate: true });
    expect(seen).toEqual(['typed:evt_1', 'every:invoice.paid:evt_1', 'every:customer.created:evt_2']);
    expect(unhandled).toEqual([]);
  });

  it('gets the raw parsed payload even where a schema transforms it, and its failure is retryable', async () => {
    let fail = true;
    const payloads: unknown[] = [];
    const receiver = createReceiver({
      scheme,
      clock: () => NOW_MS,
      events: { 'invoice.paid': z.object({ id: z.string().transform((id) => id.toUpperCase()) }) },
    }).onEvery((payload) => {
      if (fail) throw new Error('db down');
      payloads.push(payload);
    });
    const input = await signedInput(scheme, { id: 'evt_3', type: 'invoice.paid' });
    expect(bodyOf(await receiver.handle(input)).code).toBe('HANDLER_FAILED');
    fail = false;
    expect((await receiver.handle(input)).status).toBe(200);
    expect(payloads).toEqual([{ id: 'evt_3', type: 'invoice.paid' }]);
  });
});
