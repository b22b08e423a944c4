import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { instagram, meta, whatsapp } from './meta.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';

const SECRET = 'meta-app-secret-0123456789';
const TOKEN = 'my-verify-token';
// A WhatsApp Cloud API notification as Meta's docs show it (messages webhook).
const BODY =
  '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16315551181","id":"wamid.ABGGFlA5Fpa","timestamp":"1504902988","type":"text","text":{"body":"this is a text message"}}]},"field":"messages"}]}]}';
const NOW = Date.UTC(2026, 0, 1);
const subscribe = (query: string) => ({ method: 'GET', url: `/webhooks/meta?${query}`, headers: {} });

describe.each(cryptoProviders)('meta with $name crypto', ({ provider: crypto }) => {
  const scheme = meta({ secret: SECRET, verifyToken: TOKEN, crypto });

  it('verifies X-Hub-Signature-256 computed with node:crypto (docs: sha256= hex of the body)', async () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    await expect(
      scheme.verify({ headers: { 'x-hub-signature-256': `sha256=${hex}` }, body: BODY }),
    ).resolves.toEqual({ scheme: 'meta', id: undefined, secretIndex: 0, contentKey: hex });
    expect(await scheme.sign({ body: BODY })).toEqual({ 'X-Hub-Signature-256': `sha256=${hex}` });
  });

  it('refuses a header without the sha256= prefix', async () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    await expectWebhookError(
      scheme.verify({ headers: { 'x-hub-signature-256': hex }, body: BODY }),
      'MALFORMED_HEADER',
    );
  });

  describeSchemeCases(`meta (${crypto.name})`, {
    scheme,
    wrong: meta({ secret: 'another-app-secret', crypto }),
    body: BODY,
    now: NOW,
    required: ['X-Hub-Signature-256'],
    secrets: [SECRET],
  });
});

describe('the subscription check (GET hub.challenge)', () => {
  const scheme = meta({ secret: SECRET, verifyToken: [TOKEN, 'next-token'] });

  it('echoes hub.challenge as plain text when hub.verify_token matches', async () => {
    const answer = await scheme.handshake?.challenge?.(
      subscribe(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1158201444`),
    );
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: '1158201444',
    });
    const second = await scheme.handshake?.challenge?.(
      subscribe('hub.mode=subscribe&hub.verify_token=next-token&hub.challenge=42'),
    );
    expect(second?.body).toBe('42');
  });

  it('refuses a wrong, missing or duplicated verify token without echoing it', async () => {
    for (const query of [
      'hub.mode=subscribe&hub.verify_token=guess-token-value&hub.challenge=1',
      'hub.mode=subscribe&hub.challenge=1',
    ]) {
      await expectWebhookError(
        Promise.resolve().then(() => scheme.handshake?.challenge?.(subscribe(query))),
        'INVALID_SIGNATURE',
        ['guess-token-value', TOKEN],
      );
    }
    await expectWebhookError(
      Promise.resolve().then(() =>
        scheme.handshake?.challenge?.(
          subscribe(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.verify_token=x&hub.challenge=1`),
        ),
      ),
      'MALFORMED_HEADER',
    );
  });

  it('leaves other requests to the pipeline (POSTs, GETs without hub.mode=subscribe)', async () => {
    const challenge = scheme.handshake!.challenge!;
    expect(
      await challenge({
        method: 'POST',
        url: `/?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1`,
        headers: {},
      }),
    ).toBeUndefined();
    expect(await challenge(subscribe('hub.challenge=1'))).toBeUndefined();
    expect(await challenge({ method: 'GET', headers: {} })).toBeUndefined();
    // Without a configured verify token, no subscription check is answered.
    const noToken = meta({ secret: SECRET });
    expect(
      await noToken.handshake?.challenge?.(
        subscribe(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1`),
      ),
    ).toBeUndefined();
  });

  it('refuses an empty verifyToken at start-up', () => {
    expect(() => meta({ secret: SECRET, verifyToken: '' })).toThrow(/verifyToken/);
  });

  it('names the WhatsApp and Instagram variants', () => {
    expect(whatsapp({ secret: SECRET }).name).toBe('whatsapp');
    expect(instagram({ secret: SECRET }).name).toBe('instagram');
  });
});
