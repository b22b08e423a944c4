// Raw HTTP requests for the over-HTTP hostile tests: a random request line, header lines of
// any bytes, and a body framed correctly, in chunks, with a Content-Length that lies, with
// both Content-Length and Transfer-Encoding (request smuggling), or with no framing at all.
import fc from 'fast-check';
import { type Body, contentType, headerText, hostileBody } from './hostile.js';
import { chunked, requestHead } from './raw-http.js';

export type Framing = 'length' | 'chunked' | 'short-length' | 'long-length' | 'both' | 'none';

export interface RawCase {
  method: string;
  query: string;
  headers: [string, string][];
  contentType: string | undefined;
  framing: Framing;
  cuts: number[];
  extension: string;
  body: Body;
  keepAlive: boolean;
  /** Write the request in pieces, a few milliseconds apart. */
  split: boolean;
}

const encoder = new TextEncoder();
export const bytesOf = (body: Body) => (typeof body === 'string' ? encoder.encode(body) : body);

const rawMethod = fc.oneof(
  { weight: 10, arbitrary: fc.constant('POST') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'GET',
      'HEAD',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'PROPFIND',
      'post',
      'P0ST',
      'QUERY',
    ),
  },
);
const query = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: fc.constantFrom('a', '=', '&', '%00', '%ff', '%', '+', '?', '/'), maxLength: 20 })
      .map((q) => `?${q}`),
  },
);

/**
 * Header values: most are valid field values (control characters other than tab replaced),
 * so that they reach the adapter; the rest are raw (injected CR LF, NUL, …), which Node's
 * HTTP parser must refuse before any JavaScript runs.
 */
const rawHeaderText = fc.oneof(
  { weight: 12, arbitrary: headerText.map(fieldValue) },
  { weight: 1, arbitrary: headerText },
);
/** A valid field value: control characters other than tab replaced. */
function fieldValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
  return value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '~');
}
const TCHAR = [..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];

/** Random requests to a route whose scheme reads `reads`. */
export function rawCase(reads: readonly string[], limit: number): fc.Arbitrary<RawCase> {
  const headerName = fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom(...reads) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('X-Forwarded-Host', 'Expect', 'Connection', 'Host', 'Transfer-Encoding'),
    },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...TCHAR), minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }) },
  );
  return fc.record({
    method: rawMethod,
    query,
    headers: fc.array(fc.tuple(headerName, rawHeaderText), { maxLength: reads.length + 3 }),
    contentType: fc.option(contentType.map(fieldValue), { nil: undefined }),
    // Node's parser refuses most of the lying framings before any JavaScript runs (pipelined
    // garbage kills the connection): they are fewer, so most requests reach the adapter.
    framing: fc.constantFrom<Framing>(
      'length',
      'length',
      'length',
      'length',
      'chunked',
      'chunked',
      'chunked',
      'short-length',
      'long-length',
      'both',
      'none',
    ),
    cuts: fc.array(fc.nat(), { maxLength: 5 }),
    extension: fc.constantFrom('', '', ';ext=1', ';a="b"', ' ', ';\u00e9'),
    body: hostileBody(limit),
    keepAlive: fc.boolean(),
    split: fc.boolean(),
  });
}

/**
 * The request bytes, in pieces when `split`. A `long-length` request declares more than it
 * sends and is half-closed by the caller (a client that gives up), so nothing waits for it.
 */
export function encodeCase(c: RawCase, path: string, host: string): { parts: Buffer[]; halfClose: boolean } {
  const body = Buffer.from(bytesOf(c.body));
  const headers: [string, string | Buffer][] = [['Host', host]];
  for (const [name, value] of c.headers) headers.push([name, Buffer.from(value, 'utf8')]);
  if (c.contentType !== undefined) headers.push(['Content-Type', Buffer.from(c.contentType, 'utf8')]);
  headers.push(['Connection', c.keepAlive ? 'keep-alive' : 'close']);
  let framed: Buffer = body;
  switch (c.framing) {
    case 'length':
      headers.push(['Content-Length', String(body.length)]);
      break;
    case 'chunked':
      headers.push(['Transfer-Encoding', 'chunked']);
      framed = chunked(body, c.cuts, c.extension);
      break;
    case 'short-length':
      headers.push(['Content-Length', String(Math.floor(body.length / 2))]);
      break;
    case 'long-length':
      headers.push(['Content-Length', String(body.length + 1 + ((c.cuts[0] ?? 0) % 100))]);
      break;
    case 'both':
      headers.push(['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']);
      break;
    case 'none':
      break;
  }
  const head = requestHead(c.method, `${path}${c.query}`, headers);
  const whole = Buffer.concat([head, framed]);
  const parts: Buffer[] = [];
  if (c.split && whole.length > 1) {
    const points = [...new Set(c.cuts.map((cut) => cut % whole.length))]
      .filter((p) => p > 0)
      .sort((a, b) => a - b);
    let start = 0;
    for (const end of [...points, whole.length]) {
      parts.push(whole.subarray(start, end));
      start = end;
    }
  } else {
    parts.push(whole);
  }
  return { parts, halfClose: c.framing === 'long-length' };
}
