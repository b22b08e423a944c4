import { getHeader, type HeadersInput, isJsonText, WebhookError } from '@hookgate/signatures';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses a verified body. JSON whenever it is JSON; otherwise, from a sender that posts forms
 * (`forms`: Twilio, Slack commands, Mandrill) and under a form `Content-Type`, an object of
 * strings (arrays for repeated names). Slack's interactive payloads arrive as a form with one
 * `payload` field holding JSON; that JSON is the payload.
 *
 * The `Content-Type` is not signed, so it never decides how signed JSON is read: a delivery
 * replayed with another one would otherwise parse into another payload, with another event type
 * and replay key, and run its handlers again.
 */
export function parsePayload(body: Uint8Array, headers: HeadersInput, forms = true): unknown {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch (cause) {
    throw new WebhookError('INVALID_PAYLOAD', 'the body is not valid UTF-8', { cause });
  }
  if (!forms || !looksLikeForm(text) || !isForm(headers)) return parseJson(text);
  const form = parseForm(text);
  const embedded = Object.keys(form).length === 1 ? form.payload : undefined;
  return typeof embedded === 'string' ? (parseEmbeddedJson(embedded) ?? form) : form;
}

/** Whether the `Content-Type` says form; only asked of a body that is not JSON. */
function isForm(headers: HeadersInput): boolean {
  return (getHeader(headers, 'content-type')?.toLowerCase() ?? '').startsWith(
    'application/x-www-form-urlencoded',
  );
}

/** Whether a body is not JSON (and so may be read as a form). */
function looksLikeForm(text: string): boolean {
  const first = text.trimStart()[0];
  if (first === undefined) return true; // an empty form: no fields
  if (first === '{' || first === '[') return false;
  // Most forms start with a field name JSON cannot start with: nothing to try then.
  if (!'"-0123456789tfn'.includes(first)) return true;
  return !isJsonText(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    // Deeply nested input makes JSON.parse overflow the stack (RangeError): also a bad payload.
    throw new WebhookError(
      'INVALID_PAYLOAD',
      text.length === 0 ? 'the body is empty; a JSON payload was expected' : 'the body is not valid JSON',
      { cause },
    );
  }
}

/** The JSON object inside a one-field form, or `undefined` when it holds something else. */
function parseEmbeddedJson(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Form fields; `Object.fromEntries` defines own properties, so `__proto__` is just a name. */
function parseForm(text: string): Record<string, string | string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  return Object.fromEntries(
    Array.from(grouped, ([name, values]) => [name, values.length === 1 ? values[0]! : values] as const),
  );
}
