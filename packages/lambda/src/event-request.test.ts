import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventRequest } from './event-request.js';
import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event, LambdaHttpEvent } from './events.js';
import { createLambdaHandler } from './lambda-handler.js';

// Header and query values in an event are what the client sent; their shape is AWS's, unless
// something other than AWS invokes the function. Properties: every header value survives, under
// its lower-case name, in order; the rebuilt query string reads back as the parameters; and the
// handler answers any event, however odd, with a result, never a throw.

const TCHAR = [..."!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];
const headerName = fc.string({ unit: fc.constantFrom(...TCHAR, 'A', 'a', 'X'), minLength: 1, maxLength: 6 });
const headerValue = fc.string({ maxLength: 20 });
/** Any UTF-16 text, lone surrogates included: REST APIs hand parameters decoded. */
const anyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)),
    maxLength: 4,
  }),
);
/** The text with each lone surrogate as U+FFFD (what its UTF-8 encoding decodes to). */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
const pairs = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(name, value), { maxLength: 8 });

function grouped(entries: readonly [string, string][], lower: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of entries) {
    const key = lower ? name.toLowerCase() : name;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

const restEvent = (fields: Partial<ApiGatewayV1Event>): ApiGatewayV1Event => ({
  httpMethod: 'POST',
  path: '/hook',
  body: null,
  isBase64Encoded: false,
  requestContext: { domainName: 'api.example.com', path: '/prod/hook' },
  ...fields,
});
const albEvent = (fields: Partial<AlbEvent>): AlbEvent => ({
  httpMethod: 'POST',
  path: '/hook',
  body: null,
  isBase64Encoded: false,
  requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/t/1' } },
  ...fields,
});

describe('eventRequest', () => {
  it('keeps every value of a multi-value header, under its lower-case name, in order', () => {
    fc.assert(
      fc.property(pairs(headerName, headerValue), (entries) => {
        // One map entry per spelling of a name, as AWS gives them.
        const multi: Record<string, string[]> = {};
        for (const [name, value] of entries) multi[name] = [...(multi[name] ?? []), value];
        const { headers } = eventRequest(albEvent({ multiValueHeaders: multi }), 'alb');
        const expected = new Map<string, string[]>();
        for (const [name, values] of Object.entries(multi))
          expected.set(name.toLowerCase(), [...(expected.get(name.toLowerCase()) ?? []), ...values]);
        expect(Object.keys(headers).sort()).toEqual([...expected.keys()].sort());
        for (const [name, values] of expected) expect(headers[name as keyof typeof headers]).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each single-value header, and both of two spellings of one name', () => {
    fc.assert(
      fc.property(pairs(headerName, headerValue), (entries) => {
        const single = Object.fromEntries(entries);
        const { headers } = eventRequest(restEvent({ headers: single }), 'api-gateway-v1');
        for (const [name, values] of grouped(Object.entries(single), true)) {
          expect(headers[name as keyof typeof headers]).toEqual(values.length === 1 ? values[0] : values);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds an ALB query string as sent, and a REST one that reads back as its decoded parameters', () => {
    fc.assert(
      fc.property(pairs(anyText, anyText), (entries) => {
        const multi = Object.fromEntries(grouped(entries, false));
        const rest = eventRequest(restEvent({ multiValueQueryStringParameters: multi }), 'api-gateway-v1');
        const query = new URL(rest.url).search;
        const read = [...new URLSearchParams(query)];
        // Lone surrogates have no UTF-8 encoding: they read back as U+FFFD, as a sender sends them.
        const expected = Object.entries(multi).flatMap(([name, values]) =>
          values.map((value) => [wellFormed(name), wellFormed(value)]),
        );
        expect(read).toEqual(expected);
        expect(rest.url.startsWith('https://api.example.com/prod/hook')).toBe(true);

        const sent = Object.fromEntries(
          grouped(
            entries.map(([n, v]) => [encodeURIComponent(wellFormed(n)), encodeURIComponent(wellFormed(v))]),
            false,
          ),
        );
        const alb = eventRequest(
          albEvent({
            multiValueQueryStringParameters: sent,
            multiValueHeaders: { host: ['alb.example.com'] },
          }),
          'alb',
        );
        const asSent = Object.entries(sent).flatMap(([n, values]) => values.map((v) => `${n}=${v}`));
        expect(alb.url).toBe(`https://alb.example.com/hook${asSent.length ? `?${asSent.join('&')}` : ''}`);
      }),
      { numRuns: 300 },
    );
  });
});

/** Values AWS never sends where the types say a string or a map goes. */
const odd = fc.oneof(
  fc.constantFrom(null, undefined, 0, 1, true, '', [], {}, ['a', 1], { a: 1 }, { a: null }, { a: ['x', 2] }),
  // Under the name the scheme reads, so that a value of another type reaches the verifier.
  fc.constantFrom(
    { 'stripe-signature': 5 },
    { 'Stripe-Signature': [5] },
    { 'stripe-signature': {} },
    { 'stripe-signature': 't=1,v1=ab' },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('createLambdaHandler on hostile events', () => {
  const handler = createLambdaHandler(
    createReceiver({ scheme: stripe({ secret: 'whsec_lambda_props' }), logger: false }),
  );

  it('answers any event whose fields have another type with a result, never a throw', async () => {
    const v2: ApiGatewayV2Event = {
      version: '2.0',
      rawPath: '/hook',
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: { domainName: 'x.lambda-url.eu-west-1.on.aws', http: { method: 'POST' } },
    };
    const templates: LambdaHttpEvent[] = [
      v2,
      restEvent({}),
      albEvent({}),
      albEvent({ multiValueHeaders: {} }),
    ];
    const fields = [
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'cookies',
      'body',
      'isBase64Encoded',
      'rawPath',
      'rawQueryString',
      'path',
      'httpMethod',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        fc.array(fc.tuple(fc.constantFrom(...fields), odd), { maxLength: 3 }),
        async (template, changes) => {
          const event: Record<string, unknown> = { ...template };
          for (const [field, value] of changes) event[field] = value;
          const result = await handler(event as unknown as LambdaHttpEvent);
          // Refused as a bad event (400), a bad signature (401) or a method other than POST
          // (405); never a 500 from a TypeError.
          expect([400, 401, 405]).toContain(result.statusCode);
          expect(JSON.parse(result.body)).toMatchObject({ ok: false, code: expect.any(String) });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers any JSON value with a result, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (event) => {
        const result = await handler(event as LambdaHttpEvent);
        expect([400, 401]).toContain(result.statusCode);
      }),
      { numRuns: 300 },
    );
  });
});
