// Hostile input through the whole receiver pipeline, in process: per scheme, random
// requests, forgeries in the right format (wrong secret, tampered body) and genuinely signed
// hostile bodies. Never a crash, never an unhandled rejection, never an accepted forgery, and
// every rejection is `{ ok:false, code, message }` with the table's status.
// (test/properties/verify-never-crashes.test.ts covers scheme.verify alone.)
import {
  createReceiver,
  type HandleInput,
  type HandleResult,
  isWebhookError,
  type WebhookErrorCode,
} from '@hookgate/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anyPayload,
  type Body,
  checkPrototypes,
  checkRejection,
  contentType,
  FORGERY_CODES,
  headerText,
  hostileBody,
  hostileHeaders,
  method,
  watchProcess,
} from './hostile.js';
import { NOW_MS, NOW_SECONDS, runsOf, type SchemeCase, SIGNED_URL, schemeCases } from './schemes.js';

// 14 schemes × (2,400 random + 2,000 forged + 2,000 signed + 300 via fetch) = 93,800 cases.
const RANDOM_RUNS = 2_400;
const FORGED_RUNS = 2_000;
const SIGNED_RUNS = 2_000;
const FETCH_RUNS = 300;
const LIMIT = 128 * 1024;

let cases = 0;
const watcher = watchProcess();
afterAll(async () => {
  watcher.stop();
  await watcher.check();
  console.info(`hostile input through receiver.handle/fetch: ${cases} generated cases`);
  expect(cases).toBeGreaterThanOrEqual(90_000);
});

/** A receiver where every verified delivery reaches the handler, counting what ran. */
function receiverFor(entry: SchemeCase) {
  const runs = { handler: 0, unhandled: 0, reported: 0, notWebhookErrors: 0, logged: 0 };
  // Counts log lines instead of printing them: ~100k refusals would write ~60 MB of test output.
  const logged = () => {
    runs.logged++;
  };
  const receiver = createReceiver({
    scheme: entry.scheme,
    logger: { debug: () => {}, info: logged, warn: logged, error: logged },
    events: { event: anyPayload },
    eventType: () => 'event',
    maxBodyBytes: LIMIT,
    clock: () => NOW_MS,
    onError: (error) => {
      // (A throw here would be swallowed by the receiver: count, and check after each request.)
      runs.reported++;
      if (!isWebhookError(error)) runs.notWebhookErrors++;
    },
    onUnhandled: () => {
      runs.unhandled++;
    },
  });
  receiver.on('event', () => {
    runs.handler++;
  });
  return { runs, receiver };
}

async function handleChecked({ receiver, runs }: ReturnType<typeof receiverFor>, input: HandleInput) {
  const reported = runs.reported;
  const logged = runs.logged;
  const result = await receiver.handle(input);
  checkPrototypes();
  // Every refusal is reported to onError, as a WebhookError, and logged once.
  if (result.status >= 400) {
    expect(runs.reported).toBe(reported + 1);
    expect(runs.logged).toBe(logged + 1);
  }
  expect(runs.notWebhookErrors).toBe(0);
  expect(typeof result.status).toBe('number');
  return result;
}

/** A forgery: never 2xx, nothing ran, a well-formed rejection with one of `codes`. */
function expectRefused(
  result: HandleResult,
  runs: ReturnType<typeof receiverFor>['runs'],
  before: number,
  codes: readonly WebhookErrorCode[],
  method = 'POST',
) {
  if (result.status < 400) throw new Error(`a forgery was accepted: ${result.status} ${result.body}`);
  if (runs.handler + runs.unhandled !== before) throw new Error('a handler ran for a forgery');
  // A HEAD answer has no body (RFC 9110 §9.3.2): the status says it all.
  if (method.toUpperCase() === 'HEAD') {
    expect(result).toMatchObject({ status: 405, body: '' });
    return 'METHOD_NOT_ALLOWED';
  }
  return checkRejection(result.status, result.body, codes);
}

const hostileUrl = fc.oneof(
  { weight: 4, arbitrary: fc.constant(SIGNED_URL) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true }) },
  { weight: 1, arbitrary: headerText },
);

/** Headers as a web `Headers` (values it refuses are left out, as no request could carry them). */
function toWebHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const web = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const one of value === undefined ? [] : typeof value === 'string' ? [value] : value) {
      try {
        web.append(name, one);
      } catch {
        // Not a valid header name or value.
      }
    }
  }
  return web;
}

const bytesOf = (body: Body) => (typeof body === 'string' ? new TextEncoder().encode(body) : body);

/** Genuine bodies of a scheme: JSON events, or forms for Twilio. */
const genuineBody = (entry: SchemeCase): fc.Arbitrary<Body> =>
  entry.form
    ? fc
        .array(
          fc.tuple(fc.constantFrom('MessageSid', 'Body', 'From', 'CallSid'), fc.string({ maxLength: 12 })),
          {
            minLength: 1,
            maxLength: 4,
          },
        )
        .map((pairs) => new URLSearchParams(pairs).toString())
    : fc.json({ maxDepth: 2 });

/** Twilio reads form bodies by their content type: mostly send that one. */
const formType = fc.oneof(fc.constant('application/x-www-form-urlencoded'), contentType);

describe.each(schemeCases())('$label: hostile input through receiver.handle', (entry) => {
  const made = receiverFor(entry);
  const { runs, receiver } = made;
  let serial = 0;
  const signInput = (body: Body) => ({
    body,
    id: entry.signsId ? `msg_rel_${++serial}` : undefined,
    timestamp: NOW_SECONDS,
    url: entry.signsUrl ? SIGNED_URL : undefined,
  });

  it('refuses random requests: any method, headers, body and URL', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        hostileHeaders(entry.reads),
        hostileBody(LIMIT),
        hostileUrl,
        fc.boolean(),
        async (m, headers, body, url, web) => {
          cases++;
          const before = runs.handler + runs.unhandled;
          const input = { method: m, url, headers: web ? toWebHeaders(headers) : headers, body };
          const result = await handleChecked(made, input);
          // URL-signing schemes cannot work without the URL: the server's fault, answered 500.
          const codes: readonly WebhookErrorCode[] =
            entry.signsUrl && url !== SIGNED_URL ? [...FORGERY_CODES, 'INVALID_SECRET'] : FORGERY_CODES;
          expectRefused(result, runs, before, codes, m);
        },
      ),
      { numRuns: runsOf(entry, RANDOM_RUNS) },
    );
  });

  it('refuses deliveries in the right format signed with the wrong secret, or whose body was changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(genuineBody(entry), hostileBody(LIMIT)),
        hostileBody(),
        fc.constantFrom('wrong-secret', 'tampered') as fc.Arbitrary<'wrong-secret' | 'tampered'>,
        contentType,
        fc.boolean(),
        async (body, other, kind, type, web) => {
          cases++;
          const before = runs.handler + runs.unhandled;
          // Twilio signs form parameters, and several byte strings carry the same ones: it is
          // covered by the wrong secret only.
          const tampered = kind === 'tampered' && !entry.form;
          const signer = tampered ? entry.scheme : entry.forger;
          const signed = await signer.sign(signInput(body));
          let sent = body;
          if (tampered) {
            const a = bytesOf(body);
            const b = bytesOf(other);
            sent = Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0 ? Uint8Array.from([...a, 0x20]) : b;
          }
          const headers = { ...signed, 'content-type': type };
          const input = {
            method: 'POST',
            url: SIGNED_URL,
            headers: web ? toWebHeaders(headers) : headers,
            body: sent,
          };
          const result = await handleChecked(made, input);
          const code = expectRefused(result, runs, before, FORGERY_CODES);
          if (bytesOf(sent).length <= LIMIT && !entry.form) expect(code).toBe('INVALID_SIGNATURE');
        },
      ),
      { numRuns: runsOf(entry, FORGED_RUNS) },
    );
  });

  it('handles genuinely signed hostile bodies with a documented answer, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(LIMIT), entry.form ? formType : contentType, async (hostile, type) => {
        cases++;
        const before = runs.handler;
        const body = entry.prepare?.(hostile) ?? hostile;
        const signed = await entry.scheme.sign(signInput(body));
        const input = { method: 'POST', url: SIGNED_URL, headers: { ...signed, 'content-type': type }, body };
        const result = await handleChecked(made, input);
        if (result.status >= 400) {
          const code = checkRejection(result.status, result.body);
          expect(result.status, `${code} for a signed delivery`).toBeLessThan(500);
          expect(runs.handler).toBe(before);
          return;
        }
        // 2xx: the handler ran once, or it was a duplicate, or a handshake the pipeline answers.
        const answer = result.body === '' ? {} : (JSON.parse(result.body) as Record<string, unknown>);
        if (answer.ok === true && answer.duplicate !== true) expect(runs.handler).toBe(before + 1);
        else expect(runs.handler).toBe(before);
      }),
      { numRuns: runsOf(entry, SIGNED_RUNS) },
    );
  });

  it('receiver.fetch: streamed bodies in random chunks give the same answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(genuineBody(entry), hostileBody(LIMIT)),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('genuine', 'forged'),
        async (body, cuts, kind) => {
          cases++;
          const before = runs.handler + runs.unhandled;
          const signer = kind === 'genuine' ? entry.scheme : entry.forger;
          const signed = await signer.sign(signInput(body));
          const bytes = bytesOf(body);
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => bytes.slice(start, points[i] ?? bytes.length));
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              const next = chunks.shift();
              if (next === undefined) controller.close();
              else controller.enqueue(next);
            },
          });
          const contentTypeOf = entry.form ? 'application/x-www-form-urlencoded' : 'application/json';
          const request = new Request(SIGNED_URL, {
            method: 'POST',
            headers: { ...signed, 'content-type': contentTypeOf },
            body: stream,
            duplex: 'half',
          } as RequestInit);
          const response = await receiver.fetch(request);
          checkPrototypes();
          const text = await response.text();
          if (kind === 'forged') {
            expectRefused({ status: response.status, headers: {}, body: text }, runs, before, FORGERY_CODES);
          } else if (response.status >= 400) {
            expect(checkRejection(response.status, text)).not.toMatch(/HANDLER|INVALID_SECRET|SIGNATURE/);
          }
        },
      ),
      { numRuns: runsOf(entry, FETCH_RUNS) },
    );
  });
});
