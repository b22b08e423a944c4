import { createHmac } from 'node:crypto';
import { github, hmac, slack, square, standardWebhooks, stripe, svix, twilio } from '@hookgate/signatures';
import { samples } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { type ExplainInput, explain } from './explain.js';

// Each test breaks a genuine delivery in one known way and checks that explain() names that
// mistake, and only ever says what happened: no secret or signature in any message.
const T = 1_767_225_600; // 2026-01-01T00:00:00Z
const NOW = T * 1000;
const STRIPE_SECRET = 'whsec_test_3f9a2b7c1d8e4f6a';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const utf8 = (text: string) => new TextEncoder().encode(text);

async function diagnose(input: Omit<ExplainInput, 'now'> & { now?: number }) {
  const result = await explain({ now: NOW, ...input });
  // Secrets, and every long token of the headers (the signatures), must never be echoed.
  const values = [...input.secrets, ...Object.values(input.headers as Record<string, string>)];
  const tokens = values.flatMap((value) => value.trim().match(/[A-Za-z0-9+/_-]{16,}/g) ?? []);
  for (const diagnosis of result.diagnoses) {
    for (const token of tokens) expect(diagnosis.message).not.toContain(token);
  }
  return result;
}

async function stripeDelivery(body: string, timestamp = T) {
  return {
    'Stripe-Signature': (await stripe({ secret: STRIPE_SECRET }).sign({ body, timestamp }))[
      'Stripe-Signature'
    ]!,
  };
}

const kinds = (result: { diagnoses: { kind: string }[] }) => result.diagnoses.map((d) => d.kind);

describe('explain', () => {
  it('says nothing about a valid delivery', async () => {
    const body = samples.stripe['invoice.paid']({ timestamp: T }).body;
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers: await stripeDelivery(body),
      body: utf8(body),
    });
    expect(result).toMatchObject({
      valid: true,
      diagnoses: [],
      verified: { scheme: 'stripe', timestamp: T },
    });
  });

  it('timestamp-skew: a genuine signature outside the window, with the skew in seconds', async () => {
    const body = '{"id":"evt_1"}';
    const headers = await stripeDelivery(body, T - 754);
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers,
      body: utf8(body),
    });
    expect(result).toMatchObject({ valid: false, code: 'TIMESTAMP_OUT_OF_RANGE' });
    expect(result.diagnoses).toEqual([expect.objectContaining({ kind: 'timestamp-skew', skewSeconds: 754 })]);
    expect(result.diagnoses[0]!.message).toMatch(
      /genuine.*754 s \(13 min\) before this clock, outside the 300 s window.*--now 1767224846/,
    );

    const ahead = await diagnose({
      provider: 'slack',
      secrets: ['slack-secret'],
      headers: await slack({ secret: 'slack-secret' }).sign({ body, timestamp: T + 3600 }),
      body: utf8(body),
    });
    expect(ahead.diagnoses).toEqual([
      expect.objectContaining({ kind: 'timestamp-skew', skewSeconds: -3600 }),
    ]);
    expect(ahead.diagnoses[0]!.message).toMatch(/3600 s \(60 min\) after this clock.*behind/);
  });

  it('timestamp-skew: Linear, whose timestamp is in the body in milliseconds', async () => {
    const sample = samples.linear['Issue.create']({ timestamp: T - 120 });
    const headers = await (await import('@hookgate/signatures'))
      .linear({ secret: 'lin' })
      .sign({ body: sample.body });
    const result = await diagnose({ provider: 'linear', secrets: ['lin'], headers, body: utf8(sample.body) });
    expect(result.diagnoses).toEqual([expect.objectContaining({ kind: 'timestamp-skew', skewSeconds: 120 })]);
    expect(result.diagnoses[0]!.message).toContain('outside the 60 s window');
  });

  it('body-pretty-2: Stripe sent indented JSON and a parser compacted it', async () => {
    const sent = samples.stripe['invoice.paid']({ timestamp: T }).body;
    const received = JSON.stringify(JSON.parse(sent));
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers: await stripeDelivery(sent),
      body: utf8(received),
    });
    expect(result.code).toBe('INVALID_SIGNATURE');
    expect(kinds(result)).toEqual(['body-pretty-2']);
    expect(result.diagnoses[0]!.message).toBe(
      'the signature matches the body pretty-printed with 2 spaces: a JSON parser re-serialised the body; verify the raw bytes as received',
    );
  });

  it('body-pretty-4: the sender indents with 4 spaces', async () => {
    const sent = JSON.stringify({ id: 'evt_1', data: { amount: 10 } }, null, 4);
    const headers = await github({ secret: 'gh' }).sign({ body: sent });
    const result = await diagnose({
      provider: 'github',
      secrets: ['gh'],
      headers,
      body: utf8(JSON.stringify(JSON.parse(sent))),
    });
    expect(kinds(result)).toEqual(['body-pretty-4']);
  });

  it('body-compact: the sender sent compact JSON and the body was pretty-printed before verifying', async () => {
    const sent = samples.github.push({ timestamp: T }).body;
    const headers = await github({ secret: 'gh' }).sign({ body: sent });
    const received = JSON.stringify(JSON.parse(sent), null, 2);
    const result = await diagnose({ provider: 'github', secrets: ['gh'], headers, body: utf8(received) });
    expect(kinds(result)).toEqual(['body-compact']);
  });

  it("body-spaced: a Python sender's json.dumps separators, lost in a re-serialisation", async () => {
    const sent = '{"test": 2432232314, "items": [1, 2]}';
    const headers = await standardWebhooks({ secret: WHSEC }).sign({ body: sent, id: 'msg_1', timestamp: T });
    const result = await diagnose({
      provider: 'standard-webhooks',
      secrets: [WHSEC],
      headers,
      body: utf8('{"test":2432232314,"items":[1,2]}'),
    });
    expect(kinds(result)).toEqual(['body-spaced']);
  });

  it('body-unicode-escaped: the sender escaped non-ASCII characters and a parser unescaped them', async () => {
    const sent = '{"name":"Ren\\u00e9e","city":"Z\\u00fcrich"}';
    const headers = await github({ secret: 'gh' }).sign({ body: sent });
    const result = await diagnose({
      provider: 'github',
      secrets: ['gh'],
      headers,
      body: utf8(JSON.stringify(JSON.parse(sent))),
    });
    expect(kinds(result)).toEqual(['body-unicode-escaped']);
  });

  it('newline-added: the body file got a trailing newline', async () => {
    const sent = '{"a":1}';
    const headers = await github({ secret: 'gh' }).sign({ body: sent });
    const result = await diagnose({ provider: 'github', secrets: ['gh'], headers, body: utf8(`${sent}\n`) });
    expect(kinds(result)).toEqual(['newline-added']);
  });

  it('newline-removed: the trailing newline the sender signed was trimmed', async () => {
    const sent = 'token=abc&text=hi\n';
    const headers = await slack({ secret: 'ss' }).sign({ body: sent, timestamp: T });
    const result = await diagnose({
      provider: 'slack',
      secrets: ['ss'],
      headers,
      body: utf8('token=abc&text=hi'),
    });
    expect(kinds(result)).toEqual(['newline-removed']);
  });

  it('crlf-to-lf: CRLF line endings converted to LF', async () => {
    const sent = '{\r\n  "a": 1\r\n}';
    const headers = await github({ secret: 'gh' }).sign({ body: sent });
    const result = await diagnose({
      provider: 'github',
      secrets: ['gh'],
      headers,
      body: utf8('{\n  "a": 1\n}'),
    });
    expect(kinds(result)).toEqual(['crlf-to-lf']);
  });

  it('lf-to-crlf: LF line endings converted to CRLF', async () => {
    const sent = samples.stripe['invoice.paid']({ timestamp: T }).body;
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers: await stripeDelivery(sent),
      body: utf8(sent.replace(/\n/g, '\r\n')),
    });
    expect(kinds(result)).toEqual(['lf-to-crlf']);
  });

  it('secret-whitespace: the configured secret has a trailing newline', async () => {
    const body = '{"a":1}';
    const result = await diagnose({
      provider: 'stripe',
      secrets: [`${STRIPE_SECRET}\n`],
      headers: await stripeDelivery(body),
      body: utf8(body),
    });
    expect(kinds(result)).toEqual(['secret-whitespace']);
  });

  it('secret-base64-decoded: a Stripe-style header keyed with the decoded whsec_ bytes (the Svix way)', async () => {
    const body = '{"a":1}';
    const key = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${T}.${body}`).digest('hex');
    const result = await diagnose({
      provider: 'stripe',
      secrets: [WHSEC],
      headers: { 'Stripe-Signature': `t=${T},v1=${mac}` },
      body: utf8(body),
    });
    expect(kinds(result)).toEqual(['secret-base64-decoded']);
    expect(result.diagnoses[0]!.message).toMatch(/Standard Webhooks \/ Svix way.*whole whsec_… text/);
  });

  it('secret-base64-decoded: a custom sender that decodes a base64 secret', async () => {
    const secret = Buffer.from('0123456789abcdef0123').toString('base64');
    const body = '{"a":1}';
    const mac = createHmac('sha256', Buffer.from(secret, 'base64')).update(body).digest('hex');
    const result = await diagnose({
      provider: 'github',
      secrets: [secret],
      headers: { 'X-Hub-Signature-256': `sha256=${mac}` },
      body: utf8(body),
    });
    expect(kinds(result)).toEqual(['secret-base64-decoded']);
  });

  it('secret-prefix-removed: the sender keys the HMAC with the text after whsec_', async () => {
    const body = '{"a":1}';
    const headers = await stripe({ secret: STRIPE_SECRET.slice('whsec_'.length) }).sign({
      body,
      timestamp: T,
    });
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers,
      body: utf8(body),
    });
    expect(kinds(result)).toEqual(['secret-prefix-removed']);
  });

  it('secret-not-decoded: a Standard Webhooks header keyed with the whsec_ text (the Stripe way)', async () => {
    const body = '{"a":1}';
    const mac = createHmac('sha256', WHSEC).update(`msg_1.${T}.${body}`).digest('base64');
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(T),
      'webhook-signature': `v1,${mac}`,
    };
    const result = await diagnose({
      provider: 'standard-webhooks',
      secrets: [WHSEC],
      headers,
      body: utf8(body),
    });
    // Polar keys the Standard Webhooks construction with its secret's text, as this sender did.
    expect(kinds(result)).toEqual(['secret-not-decoded', 'other-provider']);
    expect(result.diagnoses[1]?.provider).toBe('polar');
  });

  it('other-provider: Svix headers verified as Standard Webhooks', async () => {
    const body = '{"a":1}';
    const headers = await svix({ secret: WHSEC }).sign({ body, id: 'msg_1', timestamp: T });
    const result = await diagnose({
      provider: 'standard-webhooks',
      secrets: [WHSEC],
      headers,
      body: utf8(body),
    });
    expect(result.code).toBe('MISSING_HEADER');
    expect(result.diagnoses).toEqual([expect.objectContaining({ kind: 'other-provider', provider: 'svix' })]);
    expect(result.diagnoses[0]!.message).toContain('--provider svix');
  });

  it('other-provider: a Stripe delivery checked as Standard Webhooks with its (non-base64) whsec_ secret', async () => {
    const body = '{"a":1}';
    const result = await diagnose({
      provider: 'standard-webhooks',
      secrets: [STRIPE_SECRET],
      headers: await stripeDelivery(body),
      body: utf8(body),
    });
    expect(result.code).toBe('INVALID_SECRET');
    expect(result.diagnoses.map((d) => d.provider)).toEqual(['stripe']);
  });

  it('hmac-variant: a custom sender that writes HMAC-SHA1 in base64', async () => {
    const body = '{"a":1}';
    const headers = await hmac({ secret: 's', header: 'X-Sig', algorithm: 'sha1', encoding: 'base64' }).sign({
      body,
    });
    const result = await diagnose({
      provider: 'hmac',
      secrets: ['s'],
      hmac: { header: 'X-Sig' },
      headers,
      body: utf8(body),
    });
    expect(kinds(result)).toEqual(['hmac-variant']);
    expect(result.diagnoses[0]!.message).toContain('--algorithm sha1 --encoding base64');
  });

  /** A Twilio message signed for `signedUrl`, diagnosed as received at `seenUrl`. */
  async function twilioSeenAt(signedUrl: string, seenUrl: string) {
    const sample = samples.twilio.message({ timestamp: T });
    const headers = await twilio({ secret: '12345' }).sign({ body: sample.body, url: signedUrl, id: 'i' });
    return diagnose({
      provider: 'twilio',
      secrets: ['12345'],
      headers: { ...headers, 'content-type': sample.contentType },
      body: utf8(sample.body),
      url: seenUrl,
    });
  }

  it('url-variant: Twilio signed https, the app behind a TLS proxy saw http', async () => {
    const result = await twilioSeenAt('https://example.com/sms', 'http://example.com/sms');
    expect(result.diagnoses).toEqual([
      expect.objectContaining({ kind: 'url-variant', url: 'https://example.com/sms' }),
    ]);
    expect(result.diagnoses[0]!.message).toContain('https instead of http');
  });

  it('url-variant: a password in the URL is not repeated in the message', async () => {
    const result = await twilioSeenAt(
      'https://user:BasicAuthPw@example.com/sms',
      'http://user:BasicAuthPw@example.com/sms',
    );
    expect(result.diagnoses).toHaveLength(1);
    expect(result.diagnoses[0]!.message).toContain('https://user:***@example.com/sms');
    expect(result.diagnoses[0]!.message).not.toContain('BasicAuthPw');
  });

  it('url-variant: Square signed the URL with a trailing slash and the default port', async () => {
    const body = samples.square['payment.created']({ timestamp: T }).body;
    const headers = await square({ secret: 'sq' }).sign({ body, url: 'https://example.com:443/hooks/' });
    const result = await diagnose({
      provider: 'square',
      secrets: ['sq'],
      headers,
      body: utf8(body),
      url: 'https://example.com/hooks',
    });
    expect(result.diagnoses).toEqual([
      expect.objectContaining({ kind: 'url-variant', url: 'https://example.com:443/hooks/' }),
    ]);
    expect(result.diagnoses[0]!.message).toContain('with port 443, with a trailing slash');
  });

  it('reports a body mistake and the clock skew together', async () => {
    const sent = JSON.stringify({ a: 1 }, null, 2);
    const headers = await stripeDelivery(sent, T - 900);
    const result = await diagnose({
      provider: 'stripe',
      secrets: [STRIPE_SECRET],
      headers,
      body: utf8('{"a":1}'),
    });
    expect(kinds(result)).toEqual(['body-pretty-2', 'timestamp-skew']);
    expect(result.diagnoses[1]!.skewSeconds).toBe(900);
  });

  it('says nothing when no known mistake reproduces the signature (a wrong secret)', async () => {
    const body = '{"a":1}';
    const result = await diagnose({
      provider: 'stripe',
      secrets: ['whsec_other'],
      headers: await stripeDelivery(body),
      body: utf8(body),
    });
    expect(result).toMatchObject({ valid: false, code: 'INVALID_SIGNATURE', diagnoses: [] });
  });

  it('handles bodies that are not UTF-8', async () => {
    const body = Uint8Array.of(0xff, 0xfe, 0x00);
    const headers = await github({ secret: 'gh' }).sign({ body });
    expect(await diagnose({ provider: 'github', secrets: ['gh'], headers, body })).toMatchObject({
      valid: true,
    });
    const result = await diagnose({
      provider: 'github',
      secrets: ['gh'],
      headers,
      body: Uint8Array.of(0xff),
    });
    expect(result).toMatchObject({ valid: false, diagnoses: [] });
  });
});
