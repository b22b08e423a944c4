/**
 * The URL forms a Twilio signature is accepted over. Twilio signs the URL as it requested it,
 * but whether that string carried the port, and how its query was escaped, has varied; the
 * official SDK therefore accepts any of a fixed set of forms, and the official fixtures depend
 * on three of them (SIGNATURES.md §2.6). This is the set of twilio-node 6.2.0
 * (`lib/webhooks/webhooks.js`, `validateRequest`), in its order, without duplicates:
 *
 * 1. the URL as received without its port (any port: the `:1234` fixture was signed without it);
 * 2. the URL as received with its port (`:443`/`:80` added when it has none, an explicit port kept);
 * 3. and 4. the same two forms of the WHATWG-normalised URL (`new URL(url).toString()`, which
 *    escapes `'` as `%27` in the query: the `Body=It's+amazing` fixture was signed that way);
 * 5. and 6. those two with the query re-encoded as Node's legacy `querystring` module does.
 *
 * Every form derives from the URL the receiver passes, never from the request, so a sender
 * cannot choose among them.
 *
 * @example
 * ```ts
 * twilioUrlVariants('https://example.com/sms');
 * // ['https://example.com/sms', 'https://example.com:443/sms']
 * ```
 */
export function twilioUrlVariants(url: string): string[] {
  const forms = [withoutPort(url), withPort(url)];
  if (URL.canParse(url)) {
    const normalized = new URL(url).toString();
    const normalizedForms = [withoutPort(normalized), withPort(normalized)];
    forms.push(...normalizedForms, ...normalizedForms.map(withLegacyQuery));
  }
  return [...new Set(forms)];
}

interface UrlParts {
  /** `https://`, as written. */
  scheme: string;
  /** `user:pass@` or empty. */
  userInfo: string;
  host: string;
  /** `:1234` or empty. */
  port: string;
  /** Everything after the authority: path, query, fragment. */
  rest: string;
}

// The URL is split textually, not parsed, so the path and query keep the exact characters
// Twilio signed; the rules (userinfo up to the last `@`, a port only after an IPv6 literal's
// `]`) are twilio-node's `splitUrl`.
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

function splitUrl(url: string): UrlParts | undefined {
  const match = AUTHORITY.exec(url);
  if (!match) return undefined;
  const [prefix, scheme, authority] = match as unknown as [string, string, string];
  const hostStart = authority.lastIndexOf('@') + 1;
  const hostAndPort = authority.slice(hostStart);
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, hostStart),
    host: portStart < 0 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart < 0 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/**
 * The URL with everything after the first `?` re-encoded as `querystring.stringify(
 * querystring.parse(query))` does, without importing `node:querystring` (edge runtimes have
 * none): `+` and `%XX` are decoded as in form data (which is what `URLSearchParams` does too),
 * repeated names are grouped in the key order of a plain object (integer-like names first,
 * ascending), and names and values are escaped with `encodeURIComponent`, which leaves
 * exactly the characters `querystring.escape` leaves (`A-Z a-z 0-9 - _ . ! ~ * ' ( )`). Only
 * `querystring.parse`'s limit of 1000 pairs is not reproduced.
 */
function withLegacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start < 0 || start === url.length - 1) return url;
  const grouped: Record<string, string[]> = Object.create(null);
  // The leading `&` keeps URLSearchParams from dropping a `?` that starts the query itself.
  for (const [name, value] of new URLSearchParams(`&${url.slice(start + 1)}`)) {
    const values = grouped[name];
    if (values) values.push(value);
    else grouped[name] = [value];
  }
  const pairs: string[] = [];
  for (const name of Object.keys(grouped)) {
    for (const value of grouped[name]!)
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}
