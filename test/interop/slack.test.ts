import { createHmac } from 'node:crypto';
import { slack } from '@hookgate/signatures';
import { verifySlackRequest } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUtf8,
  largeJsonBody,
  nonUtf8Body,
  providers,
  RUNS,
  textBody,
  timestamp,
  utf8,
} from './arbitraries.js';

// Byte compatibility with @slack/bolt 5.1.0 `verifySlackRequest`, both ways. Bolt has no
// signer, so the Slack side is a plain node:crypto implementation of Slack's documented rule
// (docs.slack.dev "Verifying requests from Slack": `v0=` + hex HMAC-SHA256 of
// `v0:<ts>:<body>`), and every signature it makes is also checked with bolt.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });

function slackSignature(signingSecret: string, ts: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/** Bolt's verification; throws `Failed to verify authenticity: …` when it refuses. */
function boltVerify(
  signingSecret: string,
  signature: string,
  ts: number,
  body: string,
  nowSeconds = ts,
): void {
  verifySlackRequest({
    signingSecret,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
    nowMilliseconds: nowSeconds * 1000,
  });
}

describe.each(providers)('slack interop with $name crypto', ({ crypto }) => {
  it('verifies what Slack signs (reference signer, accepted by bolt)', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, ts) => {
        const signature = slackSignature(key, ts, body);
        expect(() => boltVerify(key, signature, ts, body)).not.toThrow();
        const headers = { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(ts) };
        await expect(
          slack({ secret: key, crypto }).verify({ headers, body: utf8(body), now: ts * 1000 }),
        ).resolves.toEqual({
          scheme: 'slack',
          timestamp: ts,
          secretIndex: 0,
          version: 'v0',
          contentKey: signature.slice('v0='.length),
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what bolt verifies', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, ts) => {
        const headers = await slack({ secret: key, crypto }).sign({ body: utf8(body), timestamp: ts });
        expect(headers['X-Slack-Request-Timestamp']).toBe(String(ts));
        expect(() => boltVerify(key, headers['X-Slack-Signature']!, ts, body)).not.toThrow();
        expect(headers['X-Slack-Signature']).toBe(slackSignature(key, ts, body));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with bolt on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const key = '8f742231b10e8888abcd99yyyzzz85a5';
    const ts = 1531420618;
    const scheme = slack({ secret: key, crypto });
    const ours = await scheme.sign({ body, timestamp: ts });
    expect(() => boltVerify(key, ours['X-Slack-Signature']!, ts, body)).not.toThrow();
    const headers = {
      'x-slack-signature': slackSignature(key, ts, body),
      'x-slack-request-timestamp': String(ts),
    };
    await expect(scheme.verify({ headers, body: utf8(body), now: ts * 1000 })).resolves.toMatchObject({
      timestamp: ts,
    });
  });

  it('agrees with bolt on stale requests and differs, by design, on future ones', async () => {
    const key = 'signing-secret';
    const ts = 1700000000;
    const body = 'token=x&team_id=T1';
    const headers = await slack({ secret: key, crypto }).sign({ body, timestamp: ts });
    const signature = headers['X-Slack-Signature']!;
    const at = (now: number) => ({ headers, body, now: now * 1000 });
    const scheme = slack({ secret: key, crypto });
    // 300 s old: both accept; 301 s old: both refuse.
    expect(() => boltVerify(key, signature, ts, body, ts + 300)).not.toThrow();
    await expect(scheme.verify(at(ts + 300))).resolves.toBeDefined();
    expect(() => boltVerify(key, signature, ts, body, ts + 301)).toThrow(/stale/);
    await expect(scheme.verify(at(ts + 301))).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    // An hour in the future: bolt accepts it; hookgate refuses unless futureTolerance is Infinity.
    expect(() => boltVerify(key, signature, ts, body, ts - 3600)).not.toThrow();
    await expect(scheme.verify(at(ts - 3600))).rejects.toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE' });
    const boltLike = slack({ secret: key, crypto, futureTolerance: Infinity });
    await expect(boltLike.verify(at(ts - 3600))).resolves.toBeDefined();
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // Bolt takes the body as a string (`${body}` in the basestring), so a receiver using it
    // decodes first: invalid bytes become U+FFFD and the signature can never match there.
    // hookgate hashes the raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, timestamp, async (body, key, ts) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = slack({ secret: key, crypto });
        const headers = await scheme.sign({ body, timestamp: ts });
        await expect(scheme.verify({ headers, body, now: ts * 1000 })).resolves.toMatchObject({
          secretIndex: 0,
        });
        const decoded = new TextDecoder().decode(body);
        expect(() => boltVerify(key, headers['X-Slack-Signature']!, ts, decoded)).toThrow(
          /signature mismatch/,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
