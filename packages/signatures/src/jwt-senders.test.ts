import { createHash } from 'node:crypto';
import { verifySignature } from '@vonage/jwt';
import fc from 'fast-check';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { fromBase64Url, parseJwt, toBase64Url } from './jwt.js';
import { netlify, vonage } from './jwt-senders.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';

const SECRET = 'a-jws-secret-of-at-least-32-bytes!!';
const KEY = new TextEncoder().encode(SECRET);
const NOW = Date.UTC(2026, 0, 1);
const NOW_S = NOW / 1000;
const BODY = '{"id":"5ebc34bf4fea0b01f02efa3a","state":"ready","name":"www-example"}';
const SHA = createHash('sha256').update(BODY).digest('hex');

/** A JWT signed by jose, the way the sender signs (independent of our signer). */
const joseToken = (claims: Record<string, unknown>, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(KEY);

describe.each(cryptoProviders)('JWT senders with $name crypto', ({ provider: crypto }) => {
  const net = netlify({ secret: SECRET, crypto });
  const von = vonage({ secret: SECRET, crypto });

  it('Netlify: a jose-signed JWS with iss=netlify and the body sha256 verifies; ours verifies in jose', async () => {
    const token = await joseToken({ iss: 'netlify', sha256: SHA });
    await expect(
      net.verify({ headers: { 'x-webhook-signature': token }, body: BODY, now: NOW }),
    ).resolves.toMatchObject({
      scheme: 'netlify',
      secretIndex: 0,
      contentKey: token.split('.')[2],
    });
    const ours = (await net.sign({ body: BODY, timestamp: NOW_S }))['X-Webhook-Signature']!;
    const { payload } = await jwtVerify(ours, KEY, { issuer: 'netlify', algorithms: ['HS256'] });
    expect(payload.sha256).toBe(SHA);
  });

  it('Vonage: a Bearer JWT with payload_hash, iat and jti verifies; ours verifies with @vonage/jwt', async () => {
    const token = await joseToken({
      iss: 'Vonage',
      iat: NOW_S,
      jti: 'jti-1',
      payload_hash: SHA,
      api_key: 'a1b2c3d',
    });
    await expect(
      von.verify({ headers: { authorization: `Bearer ${token}` }, body: BODY, now: NOW }),
    ).resolves.toEqual({
      scheme: 'vonage',
      id: 'jti-1',
      timestamp: NOW_S,
      secretIndex: 0,
      contentKey: token.split('.')[2],
    });
    const ours = (await von.sign({ body: BODY, id: 'jti-2' })).Authorization!;
    expect(ours.startsWith('Bearer ')).toBe(true);
    expect(verifySignature(ours.slice(7), SECRET)).toBe(true);
    expect(verifySignature(ours.slice(7), 'another secret of 32 bytes or more')).toBe(false);
  });

  it('refuses alg none, other algorithms, a wrong issuer, another body hash, expired and not-yet-valid tokens', async () => {
    const header = (token: string) => ({ headers: { 'x-webhook-signature': token }, body: BODY, now: NOW });
    const none = new UnsecuredJWT({ iss: 'netlify', sha256: SHA }).encode();
    await expectWebhookError(net.verify(header(none)), 'MALFORMED_HEADER');
    await expectWebhookError(
      net.verify(header(await joseToken({ iss: 'netlify', sha256: SHA }, 'HS384'))),
      'MALFORMED_HEADER',
    );
    await expectWebhookError(
      net.verify(header(await joseToken({ iss: 'other', sha256: SHA }))),
      'INVALID_SIGNATURE',
    );
    await expectWebhookError(
      net.verify(header(await joseToken({ iss: 'netlify', sha256: SHA.replace(/.$/, '0') }))),
      'INVALID_SIGNATURE',
    );
    await expectWebhookError(net.verify(header(await joseToken({ iss: 'netlify' }))), 'MALFORMED_HEADER');
    await expectWebhookError(
      net.verify(header(await joseToken({ iss: 'netlify', sha256: SHA, exp: NOW_S - 301 }))),
      'TIMESTAMP_OUT_OF_RANGE',
    );
    await expectWebhookError(
      net.verify(header(await joseToken({ iss: 'netlify', sha256: SHA, nbf: NOW_S + 301 }))),
      'TIMESTAMP_OUT_OF_RANGE',
    );
    await expect(
      net.verify(header(await joseToken({ iss: 'netlify', sha256: SHA, exp: NOW_S - 300 }))),
    ).resolves.toBeDefined();
    // Vonage requires iat.
    const noIat = await joseToken({ iss: 'Vonage', payload_hash: SHA });
    await expectWebhookError(
      von.verify({ headers: { authorization: `Bearer ${noIat}` }, body: BODY, now: NOW }),
      'MALFORMED_HEADER',
    );
    await expectWebhookError(
      von.verify({ headers: { authorization: noIat }, body: BODY, now: NOW }),
      'MALFORMED_HEADER',
    );
  });

  it('refuses a re-encoded signature (other trailing bits of the last base64url character)', async () => {
    const token = await joseToken({ iss: 'netlify', sha256: SHA });
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // A 32-byte MAC leaves 2 unused bits in the last of its 43 characters.
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(token.slice(0, -1) + twin, 'base64url')).toEqual(Buffer.from(token, 'base64url'));
    await expectWebhookError(
      net.verify({ headers: { 'x-webhook-signature': token.slice(0, -1) + twin }, body: BODY, now: NOW }),
      'INVALID_SIGNATURE',
    );
  });

  describeSchemeCases(`netlify (${crypto.name})`, {
    scheme: net,
    wrong: netlify({ secret: 'another jws secret', crypto }),
    body: BODY,
    now: NOW,
    tolerance: 300,
    required: ['X-Webhook-Signature'],
    secrets: [SECRET],
  });

  describeSchemeCases(`vonage (${crypto.name})`, {
    scheme: von,
    wrong: vonage({ secret: 'another signature secret', crypto }),
    body: BODY,
    now: NOW,
    tolerance: 300,
    required: ['Authorization'],
    secrets: [SECRET],
  });
});

describe('the JWT parser', () => {
  it('base64url round-trips any bytes, unpadded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('never throws anything but a WebhookError, on any text or any three parts', () => {
    const part = fc.oneof(
      fc.string(),
      fc.base64String().map((s) => s.replace(/=+$/, '')),
      fc.jsonValue().map((v) => toBase64Url(new TextEncoder().encode(JSON.stringify(v)))),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(part, part, part).map((parts) => parts.join('.')),
        ),
        (token) => {
          try {
            const parsed = parseJwt(token, ['HS256'], 'test JWT');
            expect(parsed.algorithm).toBe('HS256');
            expect(typeof parsed.claims).toBe('object');
          } catch (error) {
            expect(isWebhookError(error)).toBe(true);
          }
        },
      ),
    );
  });
});
