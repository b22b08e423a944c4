import {
  asana,
  dropbox,
  instagram,
  isWebhookError,
  meta,
  okta,
  type Scheme,
  twitter,
  whatsapp,
} from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The unsigned challenges (Meta's hub.challenge, Dropbox's ?challenge=, X's crc_token, Okta's
// verification header, Asana's X-Hook-Secret) read a method, a URL and headers anyone can send.
// Properties: the answer is nothing, a 2xx whose echo is plain text with nosniff or JSON, or a
// WebhookError of a request code; only a GET gets a query challenge answered; a Meta challenge
// is answered exactly when its verify token is configured; no answer carries a secret.

const SECRET = 'handshake-property-secret-0123456789';
const TOKEN = 'meta-verify-token-property';
const hookSecrets: string[] = [];

interface Case {
  name: string;
  scheme: Scheme;
  /** The query parameters its challenge reads. */
  params: string[];
  /** Headers its challenge reads. */
  headers: string[];
  /** Answers a GET only. */
  getOnly: boolean;
}

const cases: Case[] = [
  ...[meta, whatsapp, instagram].map((factory) => ({
    name: factory.name,
    scheme: factory({ secret: SECRET, verifyToken: TOKEN }),
    params: ['hub.mode', 'hub.verify_token', 'hub.challenge'],
    headers: [],
    getOnly: true,
  })),
  { name: 'dropbox', scheme: dropbox({ secret: SECRET }), params: ['challenge'], headers: [], getOnly: true },
  { name: 'twitter', scheme: twitter({ secret: SECRET }), params: ['crc_token'], headers: [], getOnly: true },
  {
    name: 'okta',
    scheme: okta({ secret: SECRET }),
    params: [],
    // Authorization never holds the hook's secret here: so no challenge may be answered.
    headers: ['X-Okta-Verification-Challenge', 'Authorization'],
    getOnly: true,
  },
  {
    name: 'asana',
    scheme: asana({
      secret: SECRET,
      onHookSecret: (secret) => secret.length % 2 === 0 && void hookSecrets.push(secret),
    }),
    params: [],
    headers: ['X-Hook-Secret'],
    getOnly: false,
  },
];

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    'subscribe',
    TOKEN,
    `${TOKEN} `,
    TOKEN.toUpperCase(),
    '<script>alert(1)</script>',
    '{"a":1}',
    '%00',
    '\u2028',
  ),
);
const method = fc.constantFrom('GET', 'get', 'POST', 'HEAD', 'PUT', 'OPTIONS', '');

function request(c: Case) {
  return fc.record({
    method,
    // Each parameter absent, once, or twice (with the same or another value), in any order.
    query: fc.array(
      fc.tuple(fc.oneof(fc.constantFrom(...c.params, 'x'), fc.string({ maxLength: 6 })), text),
      {
        maxLength: 6,
      },
    ),
    path: fc.constantFrom('/hooks', '/hooks/', 'https://h.example/hooks', ''),
    fragment: fc.option(text),
    headers: fc.dictionary(
      fc.oneof(fc.constantFrom(...c.headers, 'host'), fc.string({ maxLength: 6 })),
      text,
      {
        maxKeys: 3,
      },
    ),
  });
}

function urlOf(r: { path: string; query: [string, string][]; fragment: string | null }) {
  const query = new URLSearchParams(r.query).toString();
  return `${r.path}${query ? `?${query}` : ''}${r.fragment === null ? '' : `#${r.fragment}`}`;
}

describe.each(cases)('$name challenge', (c) => {
  it('answers nothing, a safe 2xx, or a WebhookError of a request code, for any request', async () => {
    await fc.assert(
      fc.asyncProperty(request(c), async (r) => {
        const url = urlOf(r);
        let answer: Awaited<ReturnType<NonNullable<NonNullable<Scheme['handshake']>['challenge']>>>;
        try {
          answer = await c.scheme.handshake?.challenge?.({ method: r.method, url, headers: r.headers });
        } catch (error) {
          expect(isWebhookError(error), String(error)).toBe(true);
          expect(['MALFORMED_HEADER', 'MISSING_HEADER', 'INVALID_SIGNATURE']).toContain(
            (error as { code: string }).code,
          );
          expect((error as Error).message).not.toContain(SECRET);
          expect((error as Error).message).not.toContain(TOKEN);
          return;
        }
        if (answer === undefined) return;
        expect(c.name).not.toBe('okta');
        if (c.getOnly) expect(r.method.toUpperCase()).toBe('GET');
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(300);
        expect(typeof answer.body).toBe('string');
        expect(answer.body).not.toContain(SECRET);
        expect(JSON.stringify(answer.headers)).not.toContain(SECRET);
        if (answer.body !== '') {
          const type = answer.headers['content-type'] ?? '';
          // An echo a browser could render is plain text it must not sniff, or JSON.
          if (type.startsWith('text/plain')) expect(answer.headers['x-content-type-options']).toBe('nosniff');
          else expect(type).toMatch(/^application\/json/);
        }
        if (c.name === 'meta' || c.name === 'whatsapp' || c.name === 'instagram') {
          // Answered only for the configured token, with the challenge as sent, never the token.
          const params = new URLSearchParams(url.slice(url.indexOf('?') + 1).split('#')[0]);
          expect(params.get('hub.verify_token')).toBe(TOKEN);
          expect(answer.body).toBe(params.get('hub.challenge'));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('Meta subscription check', () => {
  it('echoes any challenge for the configured token, and refuses any other token', async () => {
    const scheme = meta({ secret: SECRET, verifyToken: [TOKEN, 'second-token'] });
    await fc.assert(
      fc.asyncProperty(
        text.filter((t) => t !== ''),
        text,
        fc.boolean(),
        async (challenge, token, twice) => {
          const query = new URLSearchParams([
            ['hub.mode', 'subscribe'],
            ['hub.verify_token', token],
            ['hub.challenge', challenge],
            ...(twice ? [['hub.challenge', challenge] as [string, string]] : []),
          ]);
          // A challenge may throw synchronously (MaybeHandshake): read inside an async function.
          const outcome = await (async () =>
            scheme.handshake?.challenge?.({ method: 'GET', url: `/hooks?${query}`, headers: {} }))().then(
            (answer) => answer?.body,
            (error: unknown) => (error as { code: string }).code,
          );
          expect(outcome).toBe(token === TOKEN || token === 'second-token' ? challenge : 'INVALID_SIGNATURE');
        },
      ),
      { numRuns: 300 },
    );
  });
});
