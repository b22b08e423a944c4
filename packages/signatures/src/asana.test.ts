import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { asana } from './asana.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';

const HOOK_SECRET = 'asana-hook-secret-6a3f0b';
const BODY = '{"events":[{"action":"changed","resource":{"gid":"1337","resource_type":"task"}}]}';

describe.each(cryptoProviders)('asana with $name crypto', ({ provider: crypto }) => {
  const scheme = asana({ secret: HOOK_SECRET, crypto });

  it('verifies X-Hook-Signature computed with node:crypto (hex of the body)', async () => {
    const hex = createHmac('sha256', HOOK_SECRET).update(BODY).digest('hex');
    await expect(scheme.verify({ headers: { 'X-Hook-Signature': hex }, body: BODY })).resolves.toMatchObject({
      scheme: 'asana',
      contentKey: hex,
    });
  });

  describeSchemeCases(`asana (${crypto.name})`, {
    scheme,
    wrong: asana({ secret: 'another hook secret', crypto }),
    body: BODY,
    now: Date.UTC(2026, 0, 1),
    required: ['X-Hook-Signature'],
    secrets: [HOOK_SECRET],
  });
});

describe('the X-Hook-Secret handshake', () => {
  const handshake = { method: 'POST', url: '/asana/42', headers: { 'x-hook-secret': HOOK_SECRET } };

  it('hands the secret to onHookSecret and echoes it in the response header', async () => {
    const onHookSecret = vi.fn();
    const scheme = asana({ secret: () => 'not yet known', onHookSecret });
    expect(await scheme.handshake?.challenge?.(handshake)).toEqual({
      status: 200,
      headers: { 'X-Hook-Secret': HOOK_SECRET },
      body: '',
    });
    expect(onHookSecret).toHaveBeenCalledWith(HOOK_SECRET, handshake);
  });

  it('refuses it when onHookSecret says false or throws, or is not configured, never naming the secret', async () => {
    for (const onHookSecret of [() => false, () => Promise.reject(new Error('not creating a webhook'))]) {
      const scheme = asana({ secret: 'x', onHookSecret });
      await expectWebhookError(
        Promise.resolve(scheme.handshake?.challenge?.(handshake)),
        'INVALID_SIGNATURE',
        [HOOK_SECRET],
      );
    }
    await expectWebhookError(
      Promise.resolve(asana({ secret: 'x' }).handshake?.challenge?.(handshake)),
      'INVALID_SECRET',
      [HOOK_SECRET],
    );
  });

  it('leaves requests without X-Hook-Secret to the pipeline', async () => {
    const scheme = asana({ secret: 'x', onHookSecret: () => true });
    expect(await scheme.handshake?.challenge?.({ method: 'POST', headers: {} })).toBeUndefined();
  });
});
