// What an anonymous client can send a public webhook URL, as fast-check arbitraries, and the
// checks every answer must pass. Shared by the in-process and the over-HTTP tests.
import { errorStatus, type WebhookErrorCode } from '@hookgate/core';
import fc from 'fast-check';

export type Body = Uint8Array | string;

// ---------------------------------------------------------------------------------------------
// Bodies.

const encoder = new TextEncoder();

/** Byte sequences no UTF-8 decoder may accept (overlong, surrogates, out of range, truncated). */
const BAD_UTF8 = [
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xff],
  [0xc3],
  [0xe2, 0x82],
];

const invalidUtf8: fc.Arbitrary<Body> = fc
  .tuple(fc.json({ maxDepth: 1 }), fc.nat(), fc.constantFrom(...BAD_UTF8))
  .map(([json, at, bad]) => {
    const text = encoder.encode(json);
    const cut = at % (text.length + 1);
    return Uint8Array.from([...text.subarray(0, cut), ...bad, ...text.subarray(cut)]);
  });

/** JSON nested thousands deep: a recursive parser or schema would overflow its stack. */
const deepJson: fc.Arbitrary<Body> = fc
  .tuple(fc.integer({ min: 500, max: 30_000 }), fc.constantFrom('[', '{"a":', '{"__proto__":'), fc.boolean())
  .map(([depth, open, closed]) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`;
  });

const hugeNumber = fc.oneof(
  fc.constantFrom('1e999999', '-1e-999999', '1.7976931348623157e309', '-0', '9007199254740993', '0.1e-400'),
  fc.integer({ min: 20, max: 4000 }).map((digits) => '9'.repeat(digits)),
  fc.integer({ min: 20, max: 400 }).map((digits) => `-${'1'.repeat(digits)}.${'2'.repeat(digits)}e${digits}`),
);
const hugeNumbers: fc.Arbitrary<Body> = fc
  .array(
    fc.tuple(
      fc.constantFrom('id', 'type', 'amount', 'event_id', 'timestamp', 'webhookTimestamp'),
      hugeNumber,
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((pairs) => `{${pairs.map(([key, value]) => `"${key}":${value}`).join(',')}}`);

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];
/** Objects whose keys would pollute `Object.prototype` in a careless merge or parser. */
const protoJson: fc.Arbitrary<Body> = fc
  .tuple(
    fc.array(fc.constantFrom(...PROTO_KEYS), { minLength: 1, maxLength: 4 }),
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('', '"type":"event",', '"id":"evt_1","type":"invoice.paid",'),
  )
  .map(([path, leaf, prefix]) => {
    let value = `{"polluted":${JSON.stringify(leaf ?? null)}}`;
    for (const key of path) value = `{"${key}":${value}}`;
    return `{${prefix}"__proto__":{"polluted":true},"nested":${value},"${path[0]}":1}`;
  });

const hostileForm: fc.Arbitrary<Body> = fc.oneof(
  fc.constant('__proto__=1&__proto__=2&constructor[prototype][polluted]=1&__proto__[polluted]=yes'),
  protoJson.map((json) => `payload=${encodeURIComponent(String(json))}`),
  fc
    .array(
      fc.tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 })),
      {
        maxLength: 8,
      },
    )
    .map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: fc.constantFrom('%', '=', '&', '+', 'a', '0', 'F', ';'), maxLength: 40 }),
);

/**
 * Hostile bodies: empty, binary, invalid UTF-8, deep nesting, huge numbers, prototype keys,
 * forms, and (when `limit` is given) bodies just over the receiver's size limit.
 */
export function hostileBody(limit?: number): fc.Arbitrary<Body> {
  const over = limit === undefined ? [] : [oversized(limit)];
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 400 }) },
    { weight: 2, arbitrary: invalidUtf8 },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: deepJson },
    { weight: 2, arbitrary: hugeNumbers },
    { weight: 3, arbitrary: protoJson },
    { weight: 2, arbitrary: hostileForm },
    ...over.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

const bigBuffers = new Map<number, Uint8Array>();
/** A body 1 to 4096 bytes over `limit` (views of one shared buffer: cheap to make). */
function oversized(limit: number): fc.Arbitrary<Body> {
  let buffer = bigBuffers.get(limit);
  if (!buffer) {
    buffer = new Uint8Array(limit + 4096).fill(0x7b);
    bigBuffers.set(limit, buffer);
  }
  const shared = buffer;
  return fc.integer({ min: 1, max: 4096 }).map((extra) => shared.subarray(0, limit + extra));
}

// ---------------------------------------------------------------------------------------------
// Headers, methods, content types.

const TOKENS = [
  't=',
  'v1=',
  'v0=',
  'v1,',
  'v1a,',
  'sha256=',
  'sha1=',
  'ts=',
  'h1=',
  'whsec_',
  ',',
  ';',
  '=',
  ' ',
  '\t',
  '.',
  ':',
  '%00',
  '\u2665',
  'é',
  '\u0000',
  '\r\n',
  '\n',
  '\r\nX-Injected: 1',
  '1767225600',
  '1767225600000',
];
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 0, maxLength: 130 });
const base64ish = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
  maxLength: 90,
});
const token = fc.oneof(
  fc.constantFrom(...TOKENS),
  hexish,
  base64ish,
  fc.nat().map(String),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
/** Values made of the pieces of real signature headers, so that they pass the first checks. */
const structured = fc.array(token, { maxLength: 8 }).map((parts) => parts.join(''));
/** About 8 KiB, a common proxy limit for one header. */
const oversizedHeader = fc
  .tuple(token, fc.integer({ min: 6 * 1024, max: 9 * 1024 }))
  .map(([piece, size]) => (piece || 'x').repeat(Math.ceil(size / Math.max(1, piece.length))).slice(0, size));
export const headerText = fc.oneof(
  { weight: 8, arbitrary: structured },
  { weight: 1, arbitrary: oversizedHeader },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('') },
);
/** A header value as Node hands it over: missing, one, or several (a duplicated header). */
const headerValue = fc.oneof(
  { weight: 8, arbitrary: headerText },
  { weight: 1, arbitrary: headerText.map((value) => [value, value]) },
  { weight: 2, arbitrary: fc.array(headerText, { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const nameCase = (name: string) =>
  fc
    .tuple(fc.constantFrom('as-is', 'lower', 'upper', 'mixed'), fc.nat())
    .map(([kind, seed]) =>
      kind === 'lower'
        ? name.toLowerCase()
        : kind === 'upper'
          ? name.toUpperCase()
          : kind === 'mixed'
            ? [...name].map((c, i) => ((seed >> (i % 30)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('')
            : name,
    );

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON;CHARSET=UTF-16',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'application/json, application/x-www-form-urlencoded',
  '*/*',
  '',
  ';',
  '/',
];
export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: headerText },
);

/** Header records with hostile values under the names `reads` (any case), a content type and a few others. */
export function hostileHeaders(
  reads: readonly string[],
): fc.Arbitrary<Record<string, string | string[] | undefined>> {
  const known = fc.array(fc.tuple(fc.constantFrom(...reads).chain(nameCase), headerValue), {
    maxLength: reads.length + 2,
  });
  const other = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('x-forwarded-for', 'host', '__proto__', 'constructor'),
        fc.string({ maxLength: 10 }),
      ),
      headerValue,
    ),
    { maxLength: 2 },
  );
  const type = fc.oneof(
    contentType,
    fc.array(contentType, { minLength: 2, maxLength: 2 }),
    fc.constant(undefined),
  );
  return fc.tuple(known, other, type).map(([a, b, ct]) => {
    const headers: Record<string, string | string[] | undefined> = {};
    // defineProperty: a `__proto__` header name is an own property, as Node's header objects make it.
    for (const [name, value] of [...a, ...b, ['content-type', ct] as const]) {
      Object.defineProperty(headers, name, { value, enumerable: true, configurable: true, writable: true });
    }
    return headers;
  });
}

/** Methods: mostly POST, and the others (in any case) that reach an endpoint mounted for all. */
export const method = fc.oneof(
  { weight: 12, arbitrary: fc.constant('POST') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'GET',
      'HEAD',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'post',
      'Post',
      'TRACE',
      'CONNECT',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
);

// ---------------------------------------------------------------------------------------------
// Answers.

/** What every rejection must look like: `{ ok:false, code, message }`, status from the table. */
export function checkRejection(
  status: number,
  body: string,
  allowed?: readonly WebhookErrorCode[],
): WebhookErrorCode {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`a ${status} answer whose body is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
  }
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(record ?? {}).sort();
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    keys.join() !== 'code,message,ok' ||
    record.ok !== false ||
    typeof record.message !== 'string' ||
    !Object.hasOwn(errorStatus, String(record.code))
  ) {
    throw new Error(`a ${status} answer not shaped { ok:false, code, message }: ${body.slice(0, 300)}`);
  }
  const code = record.code as WebhookErrorCode;
  if (errorStatus[code] !== status) throw new Error(`${code} answered ${status}, not ${errorStatus[code]}`);
  if (allowed && !allowed.includes(code)) {
    throw new Error(
      `unexpected ${code} (${status}): ${String(record.message)}; expected one of ${allowed.join()}`,
    );
  }
  return code;
}

/** The codes a request that is not genuinely signed may get. */
export const FORGERY_CODES: readonly WebhookErrorCode[] = [
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'MISSING_HEADER',
  'MALFORMED_HEADER',
  'INVALID_SIGNATURE',
  'TIMESTAMP_OUT_OF_RANGE',
];

/** Throws if anything was added to the shared prototypes (a polluting parser or merge). */
export function checkPrototypes(): void {
  const probe = {} as Record<string, unknown>;
  if (
    Object.keys(Object.prototype).length > 0 ||
    Object.keys(Array.prototype).length > 0 ||
    probe.polluted !== undefined ||
    ([] as unknown as Record<string, unknown>).polluted !== undefined
  ) {
    throw new Error('Object.prototype or Array.prototype was polluted');
  }
}

/**
 * Records every unhandled rejection and uncaught exception from now on; `check()` throws if
 * any fired (after letting pending ones surface), `stop()` removes the listeners.
 */
export function watchProcess() {
  const events: string[] = [];
  const onRejection = (reason: unknown) => events.push(`unhandledRejection: ${describeValue(reason)}`);
  const onException = (error: unknown) => events.push(`uncaughtException: ${describeValue(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    events,
    async check() {
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (events.length > 0) throw new Error(`the process saw:\n${events.join('\n')}`);
    },
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

function describeValue(value: unknown): string {
  return value instanceof Error ? (value.stack ?? value.message) : String(value);
}

/** A schema that accepts any payload (so that any verified delivery reaches the handler). */
export const anyPayload = {
  '~standard': { version: 1 as const, vendor: 'reliability', validate: (value: unknown) => ({ value }) },
};
