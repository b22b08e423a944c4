import { createHash } from 'node:crypto';
import { github, twilio } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { signDelivery } from './signed-request.js';
import { toSignedUrl } from './signed-url.js';

const scheme = twilio({ secret: 'token' });
const body = '{"a":1}';
const hash = createHash('sha256').update(body).digest('hex');
const json = { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };

describe('toSignedUrl', () => {
  it("adds Twilio's bodySHA256 for a body that is no form, after any query", async () => {
    expect(await toSignedUrl(scheme, 'https://h.test/sms', json)).toBe(
      `https://h.test/sms?bodySHA256=${hash}`,
    );
    expect(
      await toSignedUrl(scheme, 'https://h.test/sms?a=b', { ...json, body: new TextEncoder().encode(body) }),
    ).toBe(`https://h.test/sms?a=b&bodySHA256=${hash}`);
    expect(await toSignedUrl(scheme, 'https://h.test/sms?a=b#top', json)).toBe(
      `https://h.test/sms?a=b&bodySHA256=${hash}`,
    );
  });

  it('keeps the URL for a form, a URL that has the hash already, and other schemes', async () => {
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' };
    expect(await toSignedUrl(scheme, 'https://h.test/sms', form)).toBe('https://h.test/sms');
    expect(await toSignedUrl(scheme, 'https://h.test/sms?bodySHA256=x', json)).toBe(
      'https://h.test/sms?bodySHA256=x',
    );
    expect(await toSignedUrl(github({ secret: 's' }), 'https://h.test/gh', json)).toBe('https://h.test/gh');
  });

  it('is the URL signDelivery signs, for any address the delivery goes to', async () => {
    const signed = await signDelivery(scheme, { url: 'https://public.test/sms', body });
    expect(signed.url).toBe(`https://public.test/sms?bodySHA256=${hash}`);
    expect(await toSignedUrl(scheme, 'http://127.0.0.1:3000/sms', signed)).toBe(
      `http://127.0.0.1:3000/sms?bodySHA256=${hash}`,
    );
  });
});
