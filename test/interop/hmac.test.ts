import { hmac } from '@hookgate/signatures';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { verifySlackRequest } from '@slack/bolt';
import fc from 'fast-check';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { isUtf8, nonUtf8Body, providers, RUNS, textBody, timestamp, utf8 } from './arbitraries.js';

// The generic `hmac` scheme has no SDK of its own; configured as three real senders it must
// agree, both ways, with their official SDKs: GitHub (@octokit/webhooks-methods: prefix,
// body only), Stripe (stripe-node: the `{timestamp}.{body}` default template) and Slack
// (@slack/bolt: literal text in the template and a prefix).
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
const nonEmptyBody = textBody.filter((body) => body !== '');
const stripeSdk = new Stripe('sk_test_interop').webhooks;

describe.each(providers)('hmac interop with $name crypto', ({ crypto }) => {
  const githubLike = (key: string) =>
    hmac({ secret: key, crypto, name: 'github', header: 'X-Hub-Signature-256', prefix: 'sha256=' });
  const stripeLike = (key: string) => hmac({ secret: key, crypto, header: 'sig', timestampHeader: 'ts' });
  const slackLike = (key: string) =>
    hmac({
      secret: key,
      crypto,
      header: 'X-Slack-Signature',
      prefix: 'v0=',
      timestampHeader: 'X-Slack-Request-Timestamp',
      template: 'v0:{timestamp}:{body}',
    });

  it('as GitHub: verifies what octokit signs and signs what octokit verifies', async () => {
    // Octokit refuses an empty payload, hence non-empty bodies.
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secret, async (body, key) => {
        const headers = { 'x-hub-signature-256': await octokitSign(key, body) };
        await expect(githubLike(key).verify({ headers, body: utf8(body) })).resolves.toMatchObject({
          scheme: 'github',
          secretIndex: 0,
        });
        const ours = await githubLike(key).sign({ body: utf8(body) });
        await expect(octokitVerify(key, body, ours['X-Hub-Signature-256']!)).resolves.toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('as Stripe: agrees with generateTestHeaderString and verifyHeader', async () => {
    // verifyHeader refuses an empty payload and a blank secret, hence a whsec_ secret as Stripe issues.
    await fc.assert(
      fc.asyncProperty(
        nonEmptyBody,
        secret.map((s) => `whsec_${s}`),
        timestamp,
        async (body, key, t) => {
          const stripeHeader = stripeSdk.generateTestHeaderString({
            payload: body,
            secret: key,
            timestamp: t,
          });
          const [, v1] = /,v1=([0-9a-f]{64})$/.exec(stripeHeader)!;
          const request = { headers: { sig: v1!, ts: String(t) }, body: utf8(body), now: t * 1000 };
          await expect(stripeLike(key).verify(request)).resolves.toMatchObject({
            timestamp: t,
            secretIndex: 0,
          });
          const ours = await stripeLike(key).sign({ body: utf8(body), timestamp: t });
          const asStripe = `t=${ours.ts},v1=${ours.sig}`;
          expect(stripeSdk.signature!.verifyHeader(body, asStripe, key, 300, undefined, t * 1000)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('as Slack: signs what bolt verifies, and verifies it back', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, timestamp, async (body, key, ts) => {
        const headers = await slackLike(key).sign({ body: utf8(body), timestamp: ts });
        expect(() =>
          verifySlackRequest({
            signingSecret: key,
            body,
            headers: { 'x-slack-signature': headers['X-Slack-Signature']!, 'x-slack-request-timestamp': ts },
            nowMilliseconds: ts * 1000,
          }),
        ).not.toThrow();
        await expect(
          slackLike(key).verify({ headers, body: utf8(body), now: ts * 1000 }),
        ).resolves.toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('verifies what it signs over bytes that are not UTF-8 (octokit cannot: it takes a string)', async () => {
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, async (body, key) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = githubLike(key);
        const headers = await scheme.sign({ body });
        await expect(scheme.verify({ headers, body })).resolves.toMatchObject({ secretIndex: 0 });
        const decoded = new TextDecoder().decode(body);
        await expect(octokitVerify(key, decoded, headers['X-Hub-Signature-256']!)).resolves.toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
