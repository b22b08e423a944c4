import type { HeadersInput } from '@hookgate/signatures';

// Signatures, credentials and session data never travel to the queue (SECURITY.md). Besides
// the usual words: Airtable's `X-Airtable-Content-MAC` and Trello's `X-Trello-Webhook` (both
// signatures), and keys named as credentials (`X-Api-Key`, `X-Access-Key`, `Private-Key`, `Key`),
// not every `key`: Bitbucket's `X-Event-Key` is its event type and `Idempotency-Key` Sanity's
// delivery id; nor Twilio's `I-Twilio-Idempotency-Token`, its delivery id, not a credential.
// test/reliability/queued-headers.test.ts checks every provider of the registry, both ways.
const PRIVATE_HEADER =
  /signature|hmac|(?:^|[-_])mac(?:[-_]|$)|authori[sz]ation|cookie|secret|(?<!idempotency-)token|password|(?:^|[-_])(?:api|access|private|signing|auth|client|master|shared|session|encryption)[-_]?keys?(?:[-_]|$)|^keys?$|-webhook$/i;

/**
 * What each header name seen so far becomes in a queued delivery: its lower-case form, or
 * `false` when it must not travel. A sender uses the same dozen names on every delivery, so a
 * lookup replaces a regular expression and a case change per header. Bounded: names past the
 * limit (a client inventing new ones) are decided afresh each time, never stored.
 */
const decided = new Map<string, string | false>();
const MAX_DECIDED = 512;

/** The headers a handler may need, without signatures or credentials, as plain strings. */
export function publicHeaders(headers: HeadersInput): Record<string, string> {
  const kept: Record<string, string> = {};
  if (headers instanceof Headers) {
    for (const [name, value] of headers) keep(kept, name, value);
    return kept;
  }
  for (const name of Object.keys(headers)) keep(kept, name, headers[name]);
  return kept;
}

function keep(kept: Record<string, string>, name: string, value: unknown): void {
  if (value === undefined) return;
  const publicName = publicNameOf(name);
  if (publicName === false) return;
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  // A header named `__proto__` is just a name: define it rather than set the prototype.
  if (publicName === '__proto__')
    Object.defineProperty(kept, publicName, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else kept[publicName] = text;
}

function publicNameOf(name: string): string | false {
  let publicName = decided.get(name);
  if (publicName === undefined) {
    publicName = PRIVATE_HEADER.test(name) ? false : name.toLowerCase();
    if (decided.size < MAX_DECIDED) decided.set(name, publicName);
  }
  return publicName;
}
