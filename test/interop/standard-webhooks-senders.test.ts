import { type AnyProviderEntry, providers } from '@hookgate/signatures';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { providers as cryptos } from './arbitraries.js';

// The Standard Webhooks senders (Clerk, Resend, OpenAI…) against the `svix` and
// `standardwebhooks` SDKs, both ways: the SDK's signature verifies with the named preset, and
// the preset's signature verifies with the SDK. Polar keys with the secret's UTF-8 bytes, so
// the SDK is given the base64 of the raw secret, as Polar's own SDK does.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

const T = 1_700_000_000;
const BODY = '{"type":"user.created","data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","name":"Zoë"}}';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const POLAR_SECRET = 'polar_whs_0123456789abcdefghijklmnopqrstuv';

const senders = Object.entries(providers).filter(([, entry]) =>
  /^(svix|standardwebhooks) \(both ways\)/.test(entry.vector.detail),
) as [string, AnyProviderEntry][];

describe.each(cryptos)('Standard Webhooks senders with $name crypto', ({ crypto }) => {
  it('are at least the 13 named presets', () => {
    expect(senders.length).toBeGreaterThanOrEqual(13);
  });

  it.each(senders)('%s: the SDK verifies ours and we verify the SDK', async (name, entry) => {
    vi.setSystemTime(T * 1000);
    const utf8 = entry.secret.encoding === 'utf8';
    const secret = utf8 ? POLAR_SECRET : WHSEC;
    const sdkSecret = utf8 ? Buffer.from(POLAR_SECRET).toString('base64') : WHSEC;
    const svixSdk = entry.vector.detail.startsWith('svix');
    const prefix = (entry.deliveryId as { header: string }).header.replace(/-id$/, '');
    const scheme = entry.create({ secret, crypto });

    // Theirs, ours.
    const sdk = svixSdk ? new SvixWebhook(sdkSecret) : new StandardWebhook(sdkSecret);
    const signature = sdk.sign('msg_1', new Date(T * 1000), BODY);
    const headers = {
      [`${prefix}-id`]: 'msg_1',
      [`${prefix}-timestamp`]: String(T),
      [`${prefix}-signature`]: signature,
    };
    await expect(scheme.verify({ headers, body: BODY, now: T * 1000 })).resolves.toMatchObject({
      scheme: name,
      id: 'msg_1',
      timestamp: T,
    });

    // Ours, theirs.
    const ours = await scheme.sign({ body: BODY, id: 'msg_2', timestamp: T });
    expect(Object.keys(ours).sort()).toEqual([`${prefix}-id`, `${prefix}-signature`, `${prefix}-timestamp`]);
    expect(sdk.verify(BODY, ours)).toEqual(JSON.parse(BODY));
  });
});
