// No secret leaks: many failure paths (forged, tampered, stale, handler errors that carry the
// secret, a broken store, schema mismatches and crashes, an onError hook that throws) through
// receiver.handle and every adapter, capturing everything that leaves: response bodies and
// headers, the errors handed to onError, all console and stdout/stderr output (the default
// logger's lines with their fields), and every OpenTelemetry span (names, attributes, status)
// and metric label. None may contain a secret, the received signature header or any signature
// computed for the request.
import { inspect } from 'node:util';
import {
  createMemoryStore,
  createReceiver,
  type IdempotencyStore,
  type WebhookError,
  type WebhookErrorCode,
} from '@hookgate/core';
import type { Scheme } from '@hookgate/signatures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerInMemoryOtel } from '../support/otel.js';
import { watchProcess } from './hostile.js';
import { isSignatureHeader, NOW_MS, NOW_SECONDS, type SchemeCase, schemeCases } from './schemes.js';
import { ADAPTERS, type AnyReceiver, type RunningServer, startAdapter } from './servers.js';

/** Errors the application itself makes, carrying the secret: what hookgate must not pass on. */
class AppError extends Error {}

const entries = schemeCases();
const otel = registerInMemoryOtel();

/** What telemetry exported since the last call: span names, attributes, status; metric labels. */
async function telemetryOutput(): Promise<string[]> {
  const spans = otel
    .finishedSpans()
    .map((span) => JSON.stringify([span.name, span.attributes, span.status, span.events, span.links]));
  otel.reset();
  const points = (await otel.points()).map((point) => JSON.stringify([point.name, point.attributes]));
  return [...spans, ...points];
}

/**
 * A console argument as the console would print it. The application's own errors (which carry
 * the secret on purpose here) are the application's: the logger passes a handler's error on
 * as the `err` field, as asked; what hookgate itself writes around it is scanned.
 */
function printed(arg: unknown): string {
  if (arg instanceof AppError) return '[application error]';
  if (arg instanceof Error) return `${arg.stack} ${String(arg.cause)}`;
  if (typeof arg === 'object' && arg !== null) {
    const fields = Object.fromEntries(
      Object.entries(arg).map(([key, value]) => [
        key,
        value instanceof AppError ? '[application error]' : value,
      ]),
    );
    return inspect(fields, { depth: 6 });
  }
  return String(arg);
}

/** Everything that left the process or the receiver. */
const captured: string[] = [];
const watcher = watchProcess();
let restore: (() => void) | undefined;

beforeAll(() => {
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      captured.push(args.map(printed).join(' '));
    }),
  );
  const writes = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    const spy = vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
      captured.push(String(chunk));
      return original(chunk as string, ...rest);
    }) as typeof stream.write);
    return spy;
  });
  restore = () => {
    for (const spy of [...spies, ...writes]) spy.mockRestore();
  };
});
afterAll(async () => {
  restore?.();
  await otel.shutdown();
  watcher.stop();
  await watcher.check();
});

/** What a WebhookError exposes: message, stack, JSON, details, and its causes unless the app made them. */
function describeError(error: unknown, depth = 0): string {
  if (depth > 4 || error instanceof AppError) return '';
  if (!(error instanceof Error)) return String(error);
  const record = error as WebhookError;
  return [
    record.message,
    record.stack,
    String(record),
    JSON.stringify(record),
    safeStringify(record.details),
    describeError(record.cause, depth + 1),
  ].join('\n');
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** Long runs of hex or base64 in signature headers: the signatures themselves. */
function signatureTokens(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((value) => [value, ...(value.match(/[A-Za-z0-9+/_-]{16,}/g) ?? [])]);
}

/** Every value that must never appear in any output, for one request. */
async function forbiddenFor(
  entry: SchemeCase,
  sent: Record<string, string>,
  received: { body: string; id?: string; timestamp: number; url: string },
) {
  // The signature the receiver computes for what it received, and the genuine one for that body.
  const computed = await entry.scheme.sign(received);
  const signatureHeaders = Object.fromEntries(
    Object.entries(sent).filter(([name]) => isSignatureHeader(entry, name)),
  );
  const computedSignatures = Object.fromEntries(
    Object.entries(computed).filter(([name]) => isSignatureHeader(entry, name)),
  );
  // Timestamps and ids are public; keep only what carries a signature.
  return [
    ...entry.secrets,
    ...signatureTokens(signatureHeaders),
    ...signatureTokens(computedSignatures),
  ].filter((value) => value.length >= 16 && !/^\d+$/.test(value));
}

/** Scenarios, each one a request and the receiver (`n` normal, `s` with a broken store) it goes to. */
interface Scenario {
  name: string;
  /** The codes that prove the request went down this failure path. */
  codes: readonly WebhookErrorCode[];
  target: 'n' | 's';
  body: string;
  signer: 'genuine' | 'forger';
  timestamp: number;
  tamper?: boolean;
  dropHeaders?: boolean;
  duplicateSignature?: boolean;
}

function scenarios(entry: SchemeCase): Scenario[] {
  const event = (extra: Record<string, unknown>) => {
    const json = JSON.stringify({ id: `evt_${Object.keys(extra).join('_')}`, type: 'leak.test', ...extra });
    return String(entry.prepare?.(json) ?? json);
  };
  const list: Scenario[] = [
    {
      name: 'wrong secret',
      codes: ['INVALID_SIGNATURE'],
      target: 'n',
      body: event({ a: 1 }),
      signer: 'forger',
      timestamp: NOW_SECONDS,
    },
    {
      name: 'tampered body',
      codes: ['INVALID_SIGNATURE'],
      target: 'n',
      body: event({ b: 1 }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
      tamper: true,
    },
    {
      name: 'handler throws the secret',
      codes: ['HANDLER_FAILED'],
      target: 'n',
      body: event({ fail: true }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
    },
    {
      name: 'schema mismatch',
      codes: ['SCHEMA_MISMATCH'],
      target: 'n',
      body: event({ mismatch: true }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
    },
    {
      name: 'schema throws the secret',
      codes: ['INTERNAL_ERROR'],
      target: 'n',
      body: event({ crash: true }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
    },
    {
      name: 'store throws the secret',
      codes: ['STORE_UNAVAILABLE'],
      target: 's',
      body: event({ d: 1 }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
    },
    {
      name: 'headers missing',
      codes: ['MISSING_HEADER'],
      target: 'n',
      body: event({ e: 1 }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
      dropHeaders: true,
    },
    {
      name: 'signature sent twice, differently',
      codes: ['MALFORMED_HEADER', 'INVALID_SIGNATURE'],
      target: 'n',
      body: event({ f: 1 }),
      signer: 'genuine',
      timestamp: NOW_SECONDS,
      duplicateSignature: true,
    },
  ];
  // Schemes that sign a timestamp header (Linear's is in the body, signed fresh here).
  if (entry.scheme.toleranceSeconds !== undefined && !entry.prepare) {
    list.push({
      name: 'stale timestamp',
      codes: ['TIMESTAMP_OUT_OF_RANGE'],
      target: 'n',
      body: event({ c: 1 }),
      signer: 'genuine',
      timestamp: NOW_SECONDS - 7200,
    });
  }
  if (entry.form) {
    for (const scenario of list) scenario.body = new URLSearchParams({ payload: scenario.body }).toString();
  }
  return list;
}

/** The two receivers of a scheme; every failure they report goes to `captured`, then onError throws. */
function receiversFor(entry: SchemeCase): Record<string, AnyReceiver> {
  const secret = entry.secrets[0]!;
  const payloadOf = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const schema = {
    '~standard': {
      version: 1 as const,
      vendor: 'leaks',
      validate: (value: unknown) => {
        const payload = payloadOf(value);
        if (payload.crash) throw new AppError(`schema crashed near ${secret}`);
        if (payload.mismatch)
          return { issues: [{ message: 'expected no mismatch field', path: ['mismatch'] }] };
        return { value };
      },
    },
  };
  const brokenStore: IdempotencyStore = {
    claim: () => Promise.reject(new AppError(`redis://:${secret}@cache:6379 refused the connection`)),
    complete: () => Promise.reject(new AppError(secret)),
    release: () => Promise.reject(new AppError(secret)),
  };
  const make = (store: IdempotencyStore) => {
    const receiver = createReceiver({
      scheme: entry.scheme,
      events: { event: schema },
      eventType: () => 'event',
      store,
      clock: () => NOW_MS,
      onError: (error) => {
        captured.push(describeError(error));
        throw new AppError(`onError failed while holding ${secret}`);
      },
    });
    receiver.on('event', (payload, context) => {
      if (payloadOf(payload).fail) {
        throw new AppError(`database refused ${secret} for ${JSON.stringify(context.headers)}`);
      }
    });
    return receiver;
  };
  return { n: make(createMemoryStore()), s: make(brokenStore) };
}

/** The request of a scenario: headers to send, the body to send, and what must not leak. */
async function requestOf(entry: SchemeCase, scenario: Scenario, url: string) {
  const signer: Scheme = scenario.signer === 'genuine' ? entry.scheme : entry.forger;
  const id = entry.signsId
    ? `msg_${scenario.name.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2)}`
    : undefined;
  const signed = await signer.sign({ body: scenario.body, id, timestamp: scenario.timestamp, url });
  const sentBody = scenario.tamper
    ? scenario.body.replace('"b":1', '"b":2').replace('%22b%22%3A1', '%22b%22%3A2')
    : scenario.body;
  let headers: Record<string, string | string[]> = {
    ...signed,
    'content-type': entry.form ? 'application/x-www-form-urlencoded' : 'application/json',
  };
  if (scenario.dropHeaders) headers = { 'content-type': String(headers['content-type']) };
  const forbidden = await forbiddenFor(entry, signed, {
    body: sentBody,
    id,
    timestamp: scenario.timestamp,
    url,
  });
  if (scenario.duplicateSignature) {
    const [name, value] = Object.entries(signed).find(([key]) => isSignatureHeader(entry, key))!;
    headers[name] = [value, `${value.slice(0, -4)}AAAA`];
  }
  return { headers, body: sentBody, forbidden };
}

function expectClean(where: string, texts: readonly string[], forbidden: readonly string[]) {
  for (const text of texts) {
    for (const value of forbidden) {
      if (text.includes(value))
        throw new Error(
          `${where}: output contains ${JSON.stringify(value.slice(0, 24))}…: ${text.slice(0, 300)}`,
        );
    }
  }
}

describe('no secret, received signature or computed signature in any output', () => {
  it('through receiver.handle, for every scheme and failure path', async () => {
    let paths = 0;
    for (const entry of entries) {
      const receivers = receiversFor(entry);
      const url = 'https://hooks.example.com/leaks';
      for (const scenario of scenarios(entry)) {
        const from = captured.length;
        const { headers, body, forbidden } = await requestOf(entry, scenario, url);
        const result = await receivers[scenario.target]!.handle({ method: 'POST', url, headers, body });
        expect(scenario.codes, `${entry.label}: ${scenario.name}: ${result.body}`).toContain(
          JSON.parse(result.body).code,
        );
        expectClean(
          `${entry.label}: ${scenario.name}`,
          [
            result.body,
            JSON.stringify(result.headers),
            ...captured.slice(from),
            ...(await telemetryOutput()),
          ],
          forbidden,
        );
        paths++;
      }
    }
    expect(paths).toBeGreaterThanOrEqual(entries.length * 8);
    // The default logger wrote each refusal: the scan above covered real log lines.
    expect(captured.some((line) => line.startsWith('hookgate: refused INVALID_SIGNATURE'))).toBe(true);
    // The error hooks did run (and their own throws were swallowed without a trace).
    expect(captured.length).toBeGreaterThanOrEqual(paths);
  });

  describe.each(ADAPTERS)('through %s', (adapter) => {
    let server: RunningServer;
    beforeAll(async () => {
      const receivers: Record<string, AnyReceiver> = {};
      for (const [index, entry] of entries.entries()) {
        for (const [kind, receiver] of Object.entries(receiversFor(entry)))
          receivers[`${index}${kind}`] = receiver;
      }
      server = await startAdapter(adapter, receivers);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('for every scheme and failure path: responses, headers, hooks and console', async () => {
      for (const [index, entry] of entries.entries()) {
        for (const scenario of scenarios(entry)) {
          const from = captured.length;
          const url = `${server.origin}/h/${index}${scenario.target}`;
          const { headers, body, forbidden } = await requestOf(entry, scenario, url);
          const flat = new Headers();
          for (const [name, value] of Object.entries(headers)) {
            for (const one of Array.isArray(value) ? value : [value]) flat.append(name, one);
          }
          const response = await fetch(url, { method: 'POST', headers: flat, body });
          const text = await response.text();
          // Node joins a repeated header with ", ": for schemes whose header is a list of
          // signatures (Stripe, Standard Webhooks, Paddle) that is one valid header, and it verifies.
          if (!scenario.duplicateSignature) {
            expect(scenario.codes, `${adapter} ${entry.label}: ${scenario.name}: ${text}`).toContain(
              JSON.parse(text).code,
            );
          }
          const responseHeaders = JSON.stringify([...response.headers]);
          expectClean(
            `${adapter} ${entry.label}: ${scenario.name}`,
            [text, responseHeaders, ...captured.slice(from), ...(await telemetryOutput())],
            forbidden,
          );
        }
      }
    });
  });
});
