import { getHeader, type HeadersInput, WebhookError } from '@hookgate/signatures';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses a verified body: form-encoded bodies (Twilio, Slack commands) into an object of
 * strings (arrays for repeated names), everything else as JSON. Slack's interactive
 * payloads arrive as a form with one `payload` field holding JSON; that JSON is the payload.
 */
export function parsePayload(body: Uint8Array, headers: HeadersInput): unknown {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch (cause) {
    throw new WebhookError('INVALID_PAYLOAD', 'the body is not valid UTF-8', { cause });
  }
  const contentType = getHeader(headers, 'content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = parseForm(text);
    const embedded = Object.keys(form).length === 1 ? form.payload : undefined;
    return typeof embedded === 'string' ? (parseEmbeddedJson(embedded) ?? form) : form;
  }
  return parseJson(text);
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
