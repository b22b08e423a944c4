import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { failingPublicUrl } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { createRouteHandler } from './route-handler.js';

/** The receiver's `reject`, where no refusal is expected. */
const noRefusal = (): never => {
  throw new Error('unexpected refusal');
};

/** A handler over a receiver that answers with the URL it was given. */
function urlSeenBy(options: Parameters<typeof createRouteHandler>[1] = {}) {
  const handler = createRouteHandler(
    { fetch: async (request, given) => new Response(given?.url ?? request.url), reject: noRefusal },
    options,
  );
  return async (url: string, headers: Record<string, string> = {}) =>
    (await handler(new Request(url, { method: 'POST', headers, body: 'a=b' }))).text();
}

describe('createRouteHandler: the URL the receiver sees', () => {
  const forwarded = {
    host: 'internal:3000',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'hooks.example.com',
  };

  it('is rebuilt from the Host header, ignoring X-Forwarded-* (already folded into request.url by Next.js)', async () => {
    // Next.js builds request.url with the forwarded scheme; without trustProxy that is not believed.
    expect(await urlSeenBy()('https://internal:3000/api/twilio?x=1', forwarded)).toBe(
      'http://internal:3000/api/twilio?x=1',
    );
    expect(await urlSeenBy()('https://internal:3000/api/twilio', { host: 'internal:3000' })).toBe(
      'https://internal:3000/api/twilio',
    );
  });

  it('comes from X-Forwarded-Proto and X-Forwarded-Host with trustProxy', async () => {
    expect(await urlSeenBy({ trustProxy: true })('http://internal:3000/api/twilio?x=1', forwarded)).toBe(
      'https://hooks.example.com/api/twilio?x=1',
    );
  });

  it('is the given publicUrl, as a string or a function of the request', async () => {
    expect(await urlSeenBy({ publicUrl: 'https://p.example/t' })('http://internal/x', forwarded)).toBe(
      'https://p.example/t',
    );
    const fromRequest = urlSeenBy({
      publicUrl: (request) => `https://p.example${new URL(request.url).pathname}`,
    });
    expect(await fromRequest('http://internal/api/t?x=1', forwarded)).toBe('https://p.example/api/t');
  });

  it('passes the request through untouched when the URL already matches', async () => {
    let seen: Request | undefined;
    const original = new Request('http://a.example/t', {
      method: 'POST',
      headers: { host: 'a.example' },
      body: 'x',
    });
    await createRouteHandler({
      fetch: async (request) => {
        seen = request;
        return new Response(null, { status: 204 });
      },
      reject: noRefusal,
    })(original);
    expect(seen).toBe(original);
  });

  it('answers 500 INTERNAL_ERROR through the receiver when the publicUrl function throws, without its text', async () => {
    const errors: string[] = [];
    const receiver = createReceiver({
      scheme: stripe({ secret: 'whsec_next_public_url' }),
      onError: (error) => void errors.push(error.code),
      logger: false,
    });
    const handler = createRouteHandler(receiver, { publicUrl: failingPublicUrl });
    const response = await handler(new Request('http://a.example/t', { method: 'POST', body: '{}' }));
    const text = await response.text();
    expect([response.status, JSON.parse(text).code]).toEqual([500, 'INTERNAL_ERROR']);
    expect(text).not.toMatch(/hunter2|tenant lookup/);
    expect(errors).toEqual(['INTERNAL_ERROR']);
  });
});
