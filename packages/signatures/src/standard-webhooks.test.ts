import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHeader } from './headers.js';
import { type StandardWebhooksOptions, standardWebhooks, svix } from './standard-webhooks.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { HeaderValue, Scheme, SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const vector = (id: string) => vectors.find((v) => v.id === id)!;

// The vector every Standard Webhooks and Svix library tests (SIGNATURES.md §2.1).
const official = vector('sw-v1-official');
const SECRET = official.secret;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const T = 1614265330;
const BODY = vectorBody(official);
const SIGNATURE = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

// The Svix server's Ed25519 test key and signature over the same content (sw-v1a-official).
const v1aOfficial = vector('sw-v1a-official');
const PUBLIC_KEY = v1aOfficial.secret;
const PRIVATE_KEY = v1aOfficial.signing_secret!;
const V1A_SIGNATURE =
  'hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==';
const other = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
const OTHER_PUBLIC_KEY = `whpk_${Buffer.from(other.x!, 'base64url').toString('base64')}`;
const OTHER_PRIVATE_KEY = `whsk_${Buffer.concat([Buffer.from(other.d!, 'base64url'), Buffer.from(other.x!, 'base64url')]).toString('base64')}`;

const SECRETS = [
  SECRET,
  SECRET.slice(6),
  OTHER_SECRET,
  SIGNATURE,
  PRIVATE_KEY,
  V1A_SIGNATURE,
  OTHER_PRIVATE_KEY,
];
const NON_UTF8 = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc0, 0xaf, 0xe2, 0x82, 0x7b, 0x7d);

const flavours = [
  { flavour: 'standardWebhooks', make: standardWebhooks, name: 'standard-webhooks', prefix: 'webhook' },
  { flavour: 'svix', make: svix, name: 'svix', prefix: 'svix' },
] as const;

const cases = cryptoProviders.flatMap(({ name: cryptoName, provider }) =>
  flavours.map((flavour) => ({ ...flavour, cryptoName, crypto: provider })),
);

describe.each(cases)('$flavour with $cryptoName crypto', ({ make, name, prefix, crypto }) => {
  const scheme = make({ secret: SECRET, crypto });
  const create = (options: Omit<StandardWebhooksOptions, 'crypto'>) => make({ ...options, crypto });

  interface Parts {
    id?: HeaderValue;
    timestamp?: HeaderValue;
    signature?: HeaderValue;
  }
  function headers(parts: Parts = {}): Record<string, HeaderValue> {
    const all = { id: ID, timestamp: String(T), signature: `v1,${SIGNATURE}`, ...parts };
    return {
      [`${prefix}-id`]: all.id,
      [`${prefix}-timestamp`]: all.timestamp,
      [`${prefix}-signature`]: all.signature,
    };
  }
  function request(parts: Parts = {}, options: Partial<SignedRequest> = {}): SignedRequest {
    return { headers: headers(parts), body: BODY, now: T * 1000, ...options };
  }

  describe('the official vector', () => {
    it('verifies and reports id, timestamp and version', async () => {
      await expect(scheme.verify(request())).resolves.toEqual({
        scheme: name,
        id: ID,
        timestamp: T,
        secretIndex: 0,
        version: 'v1',
      });
    });

    it('is what sign() produces', async () => {
      await expect(scheme.sign({ body: BODY, id: ID, timestamp: T })).resolves.toEqual({
        [`${prefix}-id`]: ID,
        [`${prefix}-timestamp`]: String(T),
        [`${prefix}-signature`]: `v1,${SIGNATURE}`,
      });
    });

    it('verifies with the secret given without its whsec_ prefix', async () => {
      await expect(
        create({ secret: SECRET.slice('whsec_'.length) }).verify(request()),
      ).resolves.toBeDefined();
    });

    it('fails with one body byte changed', async () => {
      for (const index of [0, 9, BODY.length - 1]) {
        const body = BODY.slice();
        body[index] = body[index]! ^ 0x01;
        await expectWebhookError(scheme.verify(request({}, { body })), 'INVALID_SIGNATURE', SECRETS);
      }
    });

    it('fails with the wrong secret', async () => {
      await expectWebhookError(
        create({ secret: OTHER_SECRET }).verify(request()),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('fails with another id or timestamp, since both are signed', async () => {
      await expectWebhookError(scheme.verify(request({ id: `${ID}x` })), 'INVALID_SIGNATURE', SECRETS);
      await expectWebhookError(
        scheme.verify(request({ timestamp: String(T + 1) }, { now: (T + 1) * 1000 })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('fails with a signature that is one character off or re-padded', async () => {
      for (const signature of [
        `v1,${SIGNATURE.replace('g0h', 'g0H')}`,
        `v1,${SIGNATURE.slice(0, -1)}`,
        `v1,${SIGNATURE}=`,
      ]) {
        await expectWebhookError(scheme.verify(request({ signature })), 'INVALID_SIGNATURE', SECRETS);
      }
    });
  });

  describe('the timestamp window', () => {
    const at = (seconds: number) => request({}, { now: seconds * 1000 });

    it('accepts exactly 300 s in the past and in the future', async () => {
      await expect(scheme.verify(at(T + 300))).resolves.toBeDefined();
      await expect(scheme.verify(at(T - 300))).resolves.toBeDefined();
    });

    it('refuses one second outside on each side', async () => {
      await expectWebhookError(scheme.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      await expectWebhookError(scheme.verify(at(T - 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('accepts a future timestamp with futureTolerance: Infinity (opt-in)', async () => {
      const lenient = create({ secret: SECRET, futureTolerance: Infinity });
      await expect(lenient.verify(at(T - 86400))).resolves.toBeDefined();
      await expectWebhookError(lenient.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('honours a custom tolerance', async () => {
      const tight = create({ secret: SECRET, tolerance: 5 });
      await expect(tight.verify(at(T + 5))).resolves.toBeDefined();
      await expectWebhookError(tight.verify(at(T + 6)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      await expectWebhookError(tight.verify(at(T - 6)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('checks the signature before the timestamp', async () => {
      await expectWebhookError(
        create({ secret: OTHER_SECRET }).verify(at(T + 3600)),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('the headers', () => {
    it.each(['id', 'timestamp', 'signature'] as const)('%s is required', async (part) => {
      await expectWebhookError(scheme.verify(request({ [part]: undefined })), 'MISSING_HEADER', SECRETS);
      await expectWebhookError(scheme.verify(request({ [part]: '' })), 'MISSING_HEADER', SECRETS);
      await expectWebhookError(scheme.verify(request({ [part]: [] })), 'MISSING_HEADER', SECRETS);
    });

    it.each([
      ['an empty v1 entry', 'v1,'],
      ['a v1 entry with an extra field (the SDK reads only two)', `v1,${SIGNATURE},extra`],
      ['v1,a,b', 'v1,a,b'],
      ['only unknown versions', `v2,${SIGNATURE} v0,${SIGNATURE}`],
      ['a version with no comma', 'v1'],
      ['a comma-separated list', `v1,${SIGNATURE},v1,${SIGNATURE}`],
      ['spaces only', '   '],
      ['a space after the comma (entries are space-separated)', `v1, ${SIGNATURE}`],
    ])('the signature is malformed with %s', async (_name, signature) => {
      await expectWebhookError(scheme.verify(request({ signature })), 'MALFORMED_HEADER', SECRETS);
    });

    it.each([
      ['non-numeric', 'abc'],
      ['with trailing garbage (the SDK parseInt accepts it)', `${T}abc`],
      ['fractional', `${T}.9`],
      ['with a leading space', ` ${T}`],
      ['negative', `-${T}`],
      ['with a plus sign', `+${T}`],
      ['in exponent form', '1.6e9'],
      ['longer than 16 digits', '1'.repeat(17)],
    ])('the timestamp is malformed when %s', async (_name, timestamp) => {
      await expectWebhookError(scheme.verify(request({ timestamp })), 'MALFORMED_HEADER', SECRETS);
    });

    it('refuses the trailing-garbage timestamp vector that the SDK accepts', async () => {
      const quirk = vector('sw-v1-quirk-timestamp-trailing-garbage');
      await expectWebhookError(
        scheme.verify(request({ timestamp: quirk.headers['webhook-timestamp'] })),
        'MALFORMED_HEADER',
        SECRETS,
      );
    });

    it('refuses a header sent twice with different values, and accepts identical copies', async () => {
      await expectWebhookError(scheme.verify(request({ id: [ID, `${ID}x`] })), 'MALFORMED_HEADER', SECRETS);
      await expectWebhookError(
        scheme.verify(request({ signature: [`v1,${SIGNATURE}`, 'v1,AAAA'] })),
        'MALFORMED_HEADER',
        SECRETS,
      );
      await expect(
        scheme.verify(request({ id: [ID, ID], signature: [`v1,${SIGNATURE}`, `v1,${SIGNATURE}`] })),
      ).resolves.toBeDefined();
    });

    it('skips unknown versions, empty entries and doubled spaces around a valid entry', async () => {
      for (const signature of [
        `v2,${SIGNATURE} v1,${SIGNATURE}`,
        `v1,  v1,${SIGNATURE} `,
        `v1a,AAAA v1,${SIGNATURE} garbage`,
        `v1,${SIGNATURE},x v1,${SIGNATURE}`,
      ]) {
        await expect(scheme.verify(request({ signature }))).resolves.toMatchObject({ version: 'v1' });
      }
    });

    it('reads a web Headers object', async () => {
      const web = new Headers({
        [`${prefix.toUpperCase()}-ID`]: ID,
        [`${prefix}-Timestamp`]: String(T),
        [`${prefix}-signature`]: `v1,${SIGNATURE}`,
      });
      await expect(scheme.verify({ headers: web, body: BODY, now: T * 1000 })).resolves.toMatchObject({
        id: ID,
      });
    });

    it('reads a plain record with mixed-case names and array values', async () => {
      const record = {
        [`${prefix.toUpperCase()}-ID`]: [ID],
        [`${prefix[0]!.toUpperCase()}${prefix.slice(1)}-Timestamp`]: String(T),
        [`${prefix}-SIGNATURE`]: [`v1,${SIGNATURE}`, `v1,${SIGNATURE}`],
      };
      await expect(scheme.verify({ headers: record, body: BODY, now: T * 1000 })).resolves.toMatchObject({
        id: ID,
      });
    });
  });

  describe('rotation', () => {
    it('accepts the multi-signature vector (unknown v2 skipped, any v1 may match)', async () => {
      const multi = vector('sw-v1-multisig-rotation');
      await expect(
        scheme.verify(request({ signature: multi.headers['webhook-signature'] })),
      ).resolves.toMatchObject({ secretIndex: 0, version: 'v1' });
    });

    it('reports secretIndex 1 when the second secret matches', async () => {
      await expect(create({ secret: [OTHER_SECRET, SECRET] }).verify(request())).resolves.toMatchObject({
        secretIndex: 1,
      });
    });

    it('signs with the first secret only', async () => {
      const signed = await create({ secret: [OTHER_SECRET, SECRET] }).sign({
        body: BODY,
        id: ID,
        timestamp: T,
      });
      expect(signed[`${prefix}-signature`]!.split(' ')).toHaveLength(1);
      await expect(
        create({ secret: OTHER_SECRET }).verify({ headers: signed, body: BODY, now: T * 1000 }),
      ).resolves.toBeDefined();
      await expectWebhookError(
        scheme.verify({ headers: signed, body: BODY, now: T * 1000 }),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('per-tenant secrets', () => {
    const tenants: Record<string, string> = { acme: SECRET, globex: OTHER_SECRET };
    const perTenant = create({
      secret: async (req) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return tenants[getHeader(req.headers, 'x-tenant') ?? ''] ?? 'whsec_!!not-base64!!';
      },
    });

    it('looks the secret up from a header of the request', async () => {
      await expect(
        perTenant.verify({ headers: { ...headers(), 'x-tenant': 'acme' }, body: BODY, now: T * 1000 }),
      ).resolves.toMatchObject({ secretIndex: 0 });
      const signed = await create({ secret: OTHER_SECRET }).sign({ body: BODY, timestamp: T });
      await expect(
        perTenant.verify({ headers: { ...signed, 'X-Tenant': 'globex' }, body: BODY, now: T * 1000 }),
      ).resolves.toMatchObject({ secretIndex: 0 });
    });

    it("refuses one tenant's delivery presented as another's", async () => {
      await expectWebhookError(
        perTenant.verify({ headers: { ...headers(), 'x-tenant': 'globex' }, body: BODY, now: T * 1000 }),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('answers INVALID_SECRET when the lookup returns an unusable secret', async () => {
      await expectWebhookError(
        perTenant.verify({ headers: { ...headers(), 'x-tenant': 'initech' }, body: BODY, now: T * 1000 }),
        'INVALID_SECRET',
        ['whsec_!!not-base64!!', '!!not-base64!!', ...SECRETS],
      );
    });
  });

  describe('invalid secrets', () => {
    it.each([
      ['a whsec_ secret that is not base64', 'whsec_not*base64!secret'],
      ['an unprefixed secret that is not base64', 'this is not base64 at all'],
      ['a secret with an impossible base64 length', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwA'],
      ['an empty secret after the prefix', 'whsec_'],
      ['an empty secret', ''],
    ])('refuses %s at construction, without echoing it', (_name, secret) => {
      expectThrowsWebhookError(() => create({ secret }), 'INVALID_SECRET', [secret, secret.slice(6)]);
      expectThrowsWebhookError(() => create({ secret: [SECRET, secret] }), 'INVALID_SECRET', [
        SECRET,
        secret,
      ]);
    });

    it('refuses options with no key at all', () => {
      expectThrowsWebhookError(() => create({}), 'INVALID_CONFIGURATION');
      expectThrowsWebhookError(() => create({ secret: [] }), 'INVALID_SECRET');
    });

    it('refuses public and private keys of the wrong shape', () => {
      const short = `whpk_${Buffer.alloc(31, 1).toString('base64')}`;
      expectThrowsWebhookError(() => create({ publicKey: short }), 'INVALID_SECRET', [short]);
      expectThrowsWebhookError(() => create({ publicKey: 'whpk_%%%%' }), 'INVALID_SECRET');
      const badPrivate = `whsk_${Buffer.alloc(48, 1).toString('base64')}`;
      expectThrowsWebhookError(() => create({ privateKey: badPrivate }), 'INVALID_SECRET', [badPrivate]);
      expectThrowsWebhookError(() => create({ privateKey: 'whsk_not base64' }), 'INVALID_SECRET', [
        'whsk_not base64',
      ]);
    });
  });

  describe('bodies', () => {
    it('verifies a body that is not valid UTF-8 (the raw bytes are hashed)', async () => {
      const signed = await scheme.sign({ body: NON_UTF8, timestamp: T });
      await expect(scheme.verify({ headers: signed, body: NON_UTF8, now: T * 1000 })).resolves.toBeDefined();
      await expectWebhookError(
        scheme.verify({ headers: signed, body: new TextDecoder().decode(NON_UTF8), now: T * 1000 }),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('verifies an empty body and a string body', async () => {
      const signed = await scheme.sign({ body: '', timestamp: T });
      await expect(
        scheme.verify({ headers: signed, body: new Uint8Array(0), now: T * 1000 }),
      ).resolves.toBeDefined();
      await expect(scheme.verify(request({}, { body: '{"test": 2432232314}' }))).resolves.toBeDefined();
    });

    it('gives each signing a random msg_ id and the current time unless passed', async () => {
      const a = await scheme.sign({ body: BODY });
      const b = await scheme.sign({ body: BODY });
      expect(a[`${prefix}-id`]).toMatch(/^msg_/);
      expect(a[`${prefix}-id`]).not.toBe(b[`${prefix}-id`]);
      expect(Math.abs(Number(a[`${prefix}-timestamp`]) - Date.now() / 1000)).toBeLessThan(5);
      await expect(scheme.verify({ headers: a, body: BODY })).resolves.toMatchObject({
        id: a[`${prefix}-id`],
      });
    });
  });

  describe('v1a (Ed25519)', () => {
    const verifier = create({ publicKey: PUBLIC_KEY });
    const v1aRequest = (signature: string, options: Partial<SignedRequest> = {}) =>
      request({ signature }, options);

    it('verifies the official v1a vector with the whpk_ key', async () => {
      await expect(verifier.verify(v1aRequest(`v1a,${V1A_SIGNATURE}`))).resolves.toEqual({
        scheme: name,
        id: ID,
        timestamp: T,
        secretIndex: 0,
        version: 'v1a',
      });
    });

    it('signs with the whsk_ key exactly as the Svix server does (Ed25519 is deterministic)', async () => {
      const signer = create({ privateKey: PRIVATE_KEY });
      await expect(signer.sign({ body: BODY, id: ID, timestamp: T })).resolves.toMatchObject({
        [`${prefix}-signature`]: `v1a,${V1A_SIGNATURE}`,
      });
      // A bare 32-byte seed works as well.
      const seed = `whsk_${Buffer.from(PRIVATE_KEY.slice(5), 'base64').subarray(0, 32).toString('base64')}`;
      await expect(
        create({ privateKey: seed }).sign({ body: BODY, id: ID, timestamp: T }),
      ).resolves.toMatchObject({
        [`${prefix}-signature`]: `v1a,${V1A_SIGNATURE}`,
      });
    });

    it('verifies what a freshly generated whsk_ key signs with its whpk_ key', async () => {
      const signed = await create({ privateKey: OTHER_PRIVATE_KEY }).sign({ body: NON_UTF8, timestamp: T });
      await expect(
        create({ publicKey: OTHER_PUBLIC_KEY }).verify({ headers: signed, body: NON_UTF8, now: T * 1000 }),
      ).resolves.toMatchObject({ version: 'v1a' });
    });

    it('fails with a tampered body, the wrong key, or a garbled signature', async () => {
      const body = BODY.slice();
      body[0] = body[0]! ^ 0x01;
      await expectWebhookError(
        verifier.verify(v1aRequest(`v1a,${V1A_SIGNATURE}`, { body })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
      await expectWebhookError(
        create({ publicKey: OTHER_PUBLIC_KEY }).verify(v1aRequest(`v1a,${V1A_SIGNATURE}`)),
        'INVALID_SIGNATURE',
        SECRETS,
      );
      for (const signature of [
        `v1a,${V1A_SIGNATURE.slice(0, -4)}`,
        `v1a,${V1A_SIGNATURE.replace('hnO', 'hnP')}`,
        'v1a,!!!!',
        `v1a,${Buffer.alloc(64).toString('base64')}`,
        `v1a,${V1A_SIGNATURE}AAAA`,
      ]) {
        await expectWebhookError(verifier.verify(v1aRequest(signature)), 'INVALID_SIGNATURE', SECRETS);
      }
    });

    it('refuses a stale v1a delivery', async () => {
      const expired = v1aRequest(`v1a,${V1A_SIGNATURE}`, { now: (T + 301) * 1000 });
      await expectWebhookError(verifier.verify(expired), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('reports secretIndex 1 when the second public key matches', async () => {
      await expect(
        create({ publicKey: [OTHER_PUBLIC_KEY, PUBLIC_KEY] }).verify(v1aRequest(`v1a,${V1A_SIGNATURE}`)),
      ).resolves.toMatchObject({ secretIndex: 1, version: 'v1a' });
    });

    it('cannot verify a v1 entry with only a public key, nor a v1a entry with only a secret', async () => {
      await expectWebhookError(verifier.verify(request()), 'INVALID_SIGNATURE', SECRETS);
      await expectWebhookError(
        scheme.verify(v1aRequest(`v1a,${V1A_SIGNATURE}`)),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('cannot sign with only a public key', async () => {
      await expectWebhookError(verifier.sign({ body: BODY }), 'INVALID_CONFIGURATION', SECRETS);
    });

    describe('mixed v1 v1a headers', () => {
      const both = create({ secret: SECRET, privateKey: PRIVATE_KEY });
      const mixed = `v1,${SIGNATURE} v1a,${V1A_SIGNATURE}`;

      it('are what a sender with both keys signs', async () => {
        await expect(both.sign({ body: BODY, id: ID, timestamp: T })).resolves.toMatchObject({
          [`${prefix}-signature`]: mixed,
        });
      });

      it('verify through whichever key the receiver has', async () => {
        await expect(scheme.verify(v1aRequest(mixed))).resolves.toMatchObject({ version: 'v1' });
        await expect(verifier.verify(v1aRequest(mixed))).resolves.toMatchObject({ version: 'v1a' });
        await expect(
          create({ secret: SECRET, publicKey: PUBLIC_KEY }).verify(v1aRequest(mixed)),
        ).resolves.toMatchObject({ version: 'v1', secretIndex: 0 });
        await expect(
          create({ secret: OTHER_SECRET, publicKey: PUBLIC_KEY }).verify(v1aRequest(mixed)),
        ).resolves.toMatchObject({ version: 'v1a', secretIndex: 0 });
        await expect(
          create({ secret: SECRET, publicKey: PUBLIC_KEY }).verify(
            v1aRequest(`v1a,${V1A_SIGNATURE} v1,AAAA`),
          ),
        ).resolves.toMatchObject({ version: 'v1a' });
      });

      it('fail when neither key matches', async () => {
        await expectWebhookError(
          create({ secret: OTHER_SECRET, publicKey: OTHER_PUBLIC_KEY }).verify(v1aRequest(mixed)),
          'INVALID_SIGNATURE',
          SECRETS,
        );
      });
    });
  });
});

describe.each(cryptoProviders)('svix header names with $name crypto', ({ provider: crypto }) => {
  const scheme: Scheme = svix({ secret: SECRET, crypto });
  const webhookHeaders = {
    'webhook-id': ID,
    'webhook-timestamp': String(T),
    'webhook-signature': `v1,${SIGNATURE}`,
  };
  const svixHeaders = { 'svix-id': ID, 'svix-timestamp': String(T), 'svix-signature': `v1,${SIGNATURE}` };
  const at = (headers: Record<string, string>) => ({ headers, body: BODY, now: T * 1000 });

  it('accepts the webhook-* names of white-labelled accounts', async () => {
    await expect(scheme.verify(at(webhookHeaders))).resolves.toMatchObject({ id: ID, scheme: 'svix' });
  });

  it('prefers svix-* when both sets are present, as the Svix SDK does', async () => {
    await expect(
      scheme.verify(at({ ...svixHeaders, ...webhookHeaders, 'webhook-signature': 'v1,AAAA' })),
    ).resolves.toBeDefined();
    await expectWebhookError(
      scheme.verify(at({ ...webhookHeaders, ...svixHeaders, 'svix-signature': 'v1,AAAA' })),
      'INVALID_SIGNATURE',
      SECRETS,
    );
  });

  it('never mixes the two sets', async () => {
    const { 'svix-id': _id, ...withoutId } = svixHeaders;
    await expectWebhookError(
      scheme.verify(at({ ...withoutId, 'webhook-id': ID })),
      'MISSING_HEADER',
      SECRETS,
    );
  });

  it('verifies the Svix Rust vector and the large-body C# vector', async () => {
    for (const id of ['svix-v1-rust-official', 'svix-v1-large-262143']) {
      const v = vector(id);
      await expect(
        svix({ secret: v.secret, crypto }).verify({
          headers: v.headers,
          body: vectorBody(v),
          now: v.now! * 1000,
        }),
      ).resolves.toMatchObject({ secretIndex: 0 });
    }
  });

  it('is not read by standardWebhooks, which knows only the webhook-* names', async () => {
    await expectWebhookError(
      standardWebhooks({ secret: SECRET, crypto }).verify(at(svixHeaders)),
      'MISSING_HEADER',
      SECRETS,
    );
  });
});
