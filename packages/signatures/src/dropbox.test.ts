import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dropbox } from './dropbox.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';

const SECRET = 'dropbox-app-secret';
// The notification shape of dropbox.com/developers/reference/webhooks.
const BODY =
  '{"list_folder": {"accounts": ["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]}, "delta": {"users": [12345678]}}';

describe.each(cryptoProviders)('dropbox with $name crypto', ({ provider: crypto }) => {
  const scheme = dropbox({ secret: SECRET, crypto });

  it('verifies X-Dropbox-Signature computed with node:crypto (hex of the body)', async () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    await expect(
      scheme.verify({ headers: { 'X-Dropbox-Signature': hex }, body: BODY }),
    ).resolves.toMatchObject({
      scheme: 'dropbox',
      contentKey: hex,
    });
    expect(await scheme.sign({ body: BODY })).toEqual({ 'X-Dropbox-Signature': hex });
  });

  describeSchemeCases(`dropbox (${crypto.name})`, {
    scheme,
    wrong: dropbox({ secret: 'another-secret', crypto }),
    body: BODY,
    now: Date.UTC(2026, 0, 1),
    required: ['X-Dropbox-Signature'],
    secrets: [SECRET],
  });
});

describe('the verification request (GET ?challenge=)', () => {
  const challenge = dropbox({ secret: SECRET }).handshake!.challenge!;

  it('echoes the challenge as text/plain with nosniff', async () => {
    expect(
      await challenge({
        method: 'GET',
        url: 'https://example.com/dropbox?challenge=%3Cscript%3Ex',
        headers: {},
      }),
    ).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: '<script>x',
    });
  });

  it('leaves other requests to the pipeline', async () => {
    expect(await challenge({ method: 'GET', url: '/dropbox', headers: {} })).toBeUndefined();
    expect(await challenge({ method: 'GET', url: '/dropbox?challenge=', headers: {} })).toBeUndefined();
    expect(await challenge({ method: 'POST', url: '/dropbox?challenge=a', headers: {} })).toBeUndefined();
  });
});
