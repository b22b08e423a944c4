import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { getHeader } from './headers.js';
import { paddle } from './paddle.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { parseTimestamp } from './timestamp.js';
import type { Scheme } from './types.js';

// The signature headers that are lists (Stripe `t=…,v1=…`, Paddle `ts=…;h1=…`, Standard
// Webhooks `v1,… v1a,…`) are parsed from text the sender, or anyone, writes. Properties: a
// genuine header still verifies with any number of entries the parser must skip, in any order
// (rotation, future versions); a second, different timestamp or no signature entry is
// MALFORMED_HEADER; and no error message carries the secret or the genuine signature.

const T = 1_700_000_000;
const NOW = T * 1000;
const STRIPE_SECRET = 'whsec_signature_lists_stripe';
const PADDLE_SECRET = 'pdl_ntfset_signature_lists_paddle';
const WHSEC = `whsec_${Buffer.alloc(24, 0x42).toString('base64')}`;

const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const base64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64'));
const body = fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 2 }));

interface ListScheme {
  name: string;
  scheme: Scheme;
  header: string;
  separator: string;
  secrets: string[];
  /** Entries the parser must skip: other versions, other keys, empty or valueless items. */
  junk: fc.Arbitrary<string>;
  /** An entry that carries another timestamp. */
  otherTimestamp: fc.Arbitrary<string>;
  /** The entries of a genuine header with its signature entries removed. */
  withoutSignatures(entries: string[]): string[];
}

const lists: ListScheme[] = [
  {
    name: 'stripe',
    scheme: stripe({ secret: STRIPE_SECRET }),
    header: 'Stripe-Signature',
    separator: ',',
    secrets: [STRIPE_SECRET],
    junk: fc.oneof(
      hex.map((h) => `v0=${h}`),
      hex.map((h) => `v1=${h}`),
      fc.constantFrom('', 'v1', 'v2=abc', 'x=y', '=', '=v1', 'tt=1', 'V1=ab', `t=${T}`),
    ),
    otherTimestamp: fc
      .integer({ min: 0, max: 9_999_999_999 })
      .filter((t) => t !== T)
      .map((t) => `t=${t}`),
    withoutSignatures: (entries) => entries.filter((entry) => !entry.startsWith('v1=')),
  },
  {
    name: 'paddle',
    scheme: paddle({ secret: PADDLE_SECRET, tolerance: 5 }),
    header: 'Paddle-Signature',
    separator: ';',
    secrets: [PADDLE_SECRET],
    junk: fc.oneof(
      hex.map((h) => `h1=${h}`),
      hex.map((h) => `h2=${h}`),
      fc.constantFrom('', 'h1', 'h1=', 'x=y', '=', 'tss=1', `ts=${T}`),
    ),
    otherTimestamp: fc
      .integer({ min: 0, max: 9_999_999_999 })
      .filter((t) => t !== T)
      .map((t) => `ts=${t}`),
    withoutSignatures: (entries) => entries.filter((entry) => !entry.startsWith('h1=')),
  },
  {
    name: 'standard-webhooks',
    scheme: standardWebhooks({ secret: WHSEC }),
    header: 'webhook-signature',
    separator: ' ',
    secrets: [WHSEC, WHSEC.slice(6)],
    junk: fc.oneof(
      base64.map((b) => `v1,${b}`),
      base64.map((b) => `v1a,${b}`),
      base64.map((b) => `v2,${b}`),
      fc.constantFrom('', 'v1', 'v1,', 'v1,a,b', ',', 'v1a', 'x'),
    ),
    // The timestamp is a header of its own here; a second one in the list does not exist.
    otherTimestamp: fc.constant(''),
    withoutSignatures: () => [],
  },
];

async function genuine(list: ListScheme, payload: string) {
  const headers = await list.scheme.sign({ body: payload, timestamp: T, id: 'msg_lists' });
  return { headers, entries: headers[list.header]!.split(list.separator) };
}

/** `entries` with `extra` inserted at the given positions. */
function insert(entries: string[], extra: [string, number][]): string[] {
  const out = [...entries];
  for (const [entry, at] of extra) out.splice(at % (out.length + 1), 0, entry);
  return out;
}

describe.each(lists)('$name signature list', (list) => {
  const secretsAnd = (signature: string) => [...list.secrets, signature];

  it('verifies a genuine header with any skipped entries inserted anywhere, and reports the same timestamp', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.array(fc.tuple(list.junk, fc.nat()), { maxLength: 6 }),
        async (payload, extra) => {
          const { headers, entries } = await genuine(list, payload);
          const value = insert(entries, extra).join(list.separator);
          const verified = await list.scheme.verify({
            headers: { ...headers, [list.header]: value },
            body: payload,
            now: NOW,
          });
          expect(verified.timestamp).toBe(T);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a header without a signature entry, or with a second timestamp, as MALFORMED_HEADER', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.array(fc.tuple(list.junk, fc.nat()), { maxLength: 4 }),
        list.otherTimestamp,
        fc.nat(),
        async (payload, extra, timestamp, at) => {
          const { headers, entries } = await genuine(list, payload);
          const signature = entries.find((entry) => !entry.startsWith('t'))!;
          const withoutSignature = list
            .withoutSignatures(entries)
            .concat(extra.map(([entry]) => entry))
            // Only entries no parser takes as a signature.
            .filter((entry) => !/^(?:v1=|h1=).|^v1a?,[^,]+$/.test(entry));
          const noSignature = { ...headers, [list.header]: withoutSignature.join(list.separator) };
          const error = await list.scheme.verify({ headers: noSignature, body: payload, now: NOW }).then(
            () => undefined,
            (failure: unknown) => failure,
          );
          expect(isWebhookError(error) && ['MALFORMED_HEADER', 'MISSING_HEADER'].includes(error.code)).toBe(
            true,
          );
          if (timestamp !== '') {
            const twoTimestamps = insert(entries, [[timestamp, at]]).join(list.separator);
            await expectWebhookError(
              list.scheme.verify({
                headers: { ...headers, [list.header]: twoTimestamps },
                body: payload,
                now: NOW,
              }),
              'MALFORMED_HEADER',
              secretsAnd(signature),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses another body with INVALID_SIGNATURE, without the secret or a signature in the message', async () => {
    await fc.assert(
      fc.asyncProperty(body, body, async (signed, sent) => {
        fc.pre(signed !== sent);
        const { headers, entries } = await genuine(list, signed);
        const error = await expectWebhookError(
          list.scheme.verify({ headers, body: sent, now: NOW }),
          'INVALID_SIGNATURE',
          [...list.secrets, ...entries.map((entry) => entry.slice(entry.search(/[=,]/) + 1))],
        );
        expect(error.message.length).toBeLessThan(300);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseTimestamp', () => {
  it('reads exactly 1 to 16 decimal digits, and refuses anything else with MALFORMED_HEADER', () => {
    const text = fc.oneof(
      fc.stringMatching(/^\d{1,16}$/),
      fc.string({ unit: fc.constantFrom(...'0123456789 +-.eExX_'), maxLength: 20 }),
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '١٢٣',
        '１２３',
        'Infinity',
        '0x10',
        '1e3',
        ' 1',
        '1 ',
        '+1',
        '-1',
        '1.0',
        '9'.repeat(17),
      ),
    );
    fc.assert(
      fc.property(text, (value) => {
        if (/^[0-9]{1,16}$/.test(value)) {
          expect(parseTimestamp(value, 'ts')).toBe(Number(value));
          return;
        }
        try {
          parseTimestamp(value, 'ts');
          expect.unreachable(`accepted ${JSON.stringify(value)}`);
        } catch (error) {
          expect(isWebhookError(error) && error.code).toBe('MALFORMED_HEADER');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('getHeader', () => {
  const NAME = fc.constantFrom(
    'Stripe-Signature',
    'stripe-signature',
    'STRIPE-SIGNATURE',
    'sTrIpE-sIgNaTuRe',
  );
  const value = fc.string({ unit: fc.constantFrom(...'abc=,;t1 '), maxLength: 8 });

  it('finds a header under any spelling of its name, and agrees with web Headers', () => {
    fc.assert(
      fc.property(
        NAME,
        NAME,
        value,
        fc.dictionary(fc.constantFrom('host', 'x-a', 'content-type'), value),
        (sent, asked, v, others) => {
          const plain = { ...others, [sent]: v };
          const expected = v === '' ? undefined : v;
          expect(getHeader(plain, asked)).toBe(expected);
          const web = new Headers(Object.entries(plain));
          expect(getHeader(web, asked)).toBe(web.get(asked) || undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a value sent several times only when every copy is the same, else MALFORMED_HEADER', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const read = () => getHeader({ 'stripe-signature': values }, 'Stripe-Signature');
        if (new Set(values).size === 1) expect(read()).toBe(values[0] === '' ? undefined : values[0]);
        else {
          try {
            read();
            expect.unreachable('accepted copies with different values');
          } catch (error) {
            expect(isWebhookError(error) && error.code).toBe('MALFORMED_HEADER');
            // The message names the header, never a value a sender wrote.
            for (const v of values) if (v.length >= 4) expect((error as Error).message).not.toContain(v);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
