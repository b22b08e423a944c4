import { withoutPassword } from './io.js';
/** One way a body, secret or URL may have been changed on its way to the verifier. */
export interface Variant<T> {
  /** A stable name of the mistake. */
  kind: string;
  /** What the sender must have signed, if this was the mistake. */
  value: T;
  /** What happened and what to do, for people. */
  message: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const VERIFY_RAW = 'verify the raw bytes as received';

/**
 * Bodies the sender may have signed when the given one does not verify: the JSON re-serialised
 * compactly or indented (a parser in between), with `\uXXXX` escapes the sender wrote, a
 * trailing newline added or removed, and line endings converted.
 */
export function bodyVariants(body: Uint8Array): Variant<Uint8Array>[] {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return [];
  }
  const out: Variant<string>[] = [];
  const add = (kind: string, value: string, message: string) => {
    if (value !== text && !out.some((v) => v.value === value)) out.push({ kind, value, message });
  };
  // Small edits first: when two variants give the same bytes, the first one names the mistake.
  const trailing = /\r?\n$/.exec(text);
  if (trailing) {
    add(
      'newline-added',
      text.slice(0, trailing.index),
      'the signature matches the body without its trailing newline: a newline was added at the end (an editor or echo saving the body file); verify the exact bytes (printf %s, or the raw capture)',
    );
  } else {
    add(
      'newline-removed',
      `${text}\n`,
      'the signature matches the body with a trailing newline: the newline at the end was removed (trim(), or shell command substitution); verify the exact bytes',
    );
  }
  if (/(?<!\r)\n/.test(text)) {
    add(
      'crlf-to-lf',
      text.replace(/\r?\n/g, '\r\n'),
      `the signature matches the body with CRLF line endings: they were converted to LF (git autocrlf, a text-mode read, copy-paste); ${VERIFY_RAW}`,
    );
  }
  if (text.includes('\r\n')) {
    add(
      'lf-to-crlf',
      text.replace(/\r\n/g, '\n'),
      `the signature matches the body with LF line endings: they were converted to CRLF (a text-mode write on Windows, copy-paste); ${VERIFY_RAW}`,
    );
  }
  const parsed = parseJson(text);
  if (parsed.ok) addJsonVariants(parsed.value, text, add);
  return out.map((v) => ({ ...v, value: encoder.encode(v.value) }));
}

/**
 * The re-serialisations of a JSON body. A body nested deeper than the stack (`[[[…]]]`, 10 KB
 * is enough) parses but cannot be written again: then it has none, rather than a RangeError.
 */
function addJsonVariants(
  value: unknown,
  text: string,
  add: (kind: string, value: string, message: string) => void,
): void {
  try {
    add(
      'body-pretty-2',
      JSON.stringify(value, null, 2),
      `the signature matches the body pretty-printed with 2 spaces: a JSON parser re-serialised the body; ${VERIFY_RAW}`,
    );
    add(
      'body-pretty-4',
      JSON.stringify(value, null, 4),
      `the signature matches the body pretty-printed with 4 spaces: a JSON parser re-serialised the body; ${VERIFY_RAW}`,
    );
    add(
      'body-compact',
      JSON.stringify(value),
      `the signature matches the body re-serialised without whitespace (JSON.stringify): the body was reformatted (pretty-printed) after it arrived; ${VERIFY_RAW}`,
    );
    const spaced = serialise(value, ', ', ': ');
    add(
      'body-spaced',
      spaced,
      `the signature matches the body serialised with a space after each : and , (Python's json.dumps default): a JSON parser re-serialised the body; ${VERIFY_RAW}`,
    );
    for (const source of [text, JSON.stringify(value), spaced]) {
      add(
        'body-unicode-escaped',
        escapeNonAscii(source),
        `the signature matches the body with its non-ASCII characters escaped as \\uXXXX, as the sender wrote them: a JSON parser re-serialised the body and unescaped them; ${VERIFY_RAW}`,
      );
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** JSON text with the given separators between items and after keys (no other whitespace). */
function serialise(value: unknown, item: string, key: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => serialise(v, item, key)).join(item)}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}${key}${serialise(v, item, key)}`,
    );
    return `{${members.join(item)}}`;
  }
  return JSON.stringify(value);
}

/** JSON text with every non-ASCII UTF-16 unit written as `\uXXXX` (Python's and PHP's default). */
function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * URLs the sender may have requested when the given one does not verify: http↔https, the
 * default port written or left out, a trailing slash added or removed, and their combinations
 * (what a TLS-terminating proxy or a load balancer changes).
 */
export function urlVariants(url: string): Variant<string>[] {
  if (!URL.canParse(url)) return [];
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  const userinfo = parsed.username
    ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@`
    : '';
  const explicitPort = /^[a-z]+:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(url)?.[1];
  const paths = [parsed.pathname];
  if (parsed.pathname !== '/') {
    paths.push(parsed.pathname.endsWith('/') ? parsed.pathname.slice(0, -1) : `${parsed.pathname}/`);
  }
  const out: (Variant<string> & { changes: number })[] = [];
  for (const protocol of ['https:', 'http:']) {
    const defaultPort = protocol === 'https:' ? '443' : '80';
    const ports = new Set([
      '',
      defaultPort,
      ...(explicitPort && explicitPort !== '80' && explicitPort !== '443' ? [explicitPort] : []),
    ]);
    for (const port of ports) {
      for (const path of paths) {
        const candidate = `${protocol}//${userinfo}${parsed.hostname}${port ? `:${port}` : ''}${path}${parsed.search}`;
        if (candidate === url || out.some((v) => v.value === candidate)) continue;
        const changes = describeChange(url, parsed, explicitPort, { protocol, port, path });
        out.push({
          kind: 'url-variant',
          value: candidate,
          message: `the signature matches the URL ${withoutPassword(candidate)} (${changes.join(', ')}), not ${withoutPassword(url)}: a proxy or load balancer changed the URL; verify with the public URL the sender requested (rebuild it from X-Forwarded-Proto and X-Forwarded-Host, or configure it)`,
          changes: changes.length,
        });
      }
    }
  }
  // Fewest changes first: the first URL that matches is the likeliest explanation.
  return out.sort((a, b) => a.changes - b.changes).map(({ changes: _, ...variant }) => variant);
}

function describeChange(
  url: string,
  parsed: URL,
  explicitPort: string | undefined,
  to: { protocol: string; port: string; path: string },
): string[] {
  const changes: string[] = [];
  if (to.protocol !== parsed.protocol)
    changes.push(`${to.protocol.slice(0, -1)} instead of ${parsed.protocol.slice(0, -1)}`);
  if ((explicitPort ?? '') !== to.port)
    changes.push(to.port ? `with port ${to.port}` : `without port ${explicitPort}`);
  if (to.path !== parsed.pathname)
    changes.push(to.path.endsWith('/') ? 'with a trailing slash' : 'without the trailing slash');
  return changes.length > 0 ? changes : [`as written in ${url}`];
}
