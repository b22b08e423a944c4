import { type Scheme, toBytes, toHex } from '@hookgate/signatures';

const FORM = 'application/x-www-form-urlencoded';
const BODY_HASH_PARAM = 'bodySHA256';

/** The parts of a delivery that decide the URL a sender requests. */
export interface SignedUrlDelivery {
  /** The headers to send; only `Content-Type` (any case) is read. */
  headers: Record<string, string>;
  /** The body to send. */
  body: string | Uint8Array;
}

/**
 * The URL a sender requests, and signs, for a delivery. Twilio covers a body that is not a
 * form through the URL: it adds `bodySHA256=<lowercase hex SHA-256 of the body>` to the query
 * and signs the URL alone (twilio.com/docs/usage/security, "Validating signatures from
 * Twilio": JSON bodies; twilio-node `validateRequestWithBody`). A URL that already has the
 * parameter, a form body, and every other scheme keep the URL as given.
 *
 * {@link signDelivery} signs this URL. When the delivery goes elsewhere than the URL it was
 * signed for (a local port standing for the public URL behind a proxy), pass that address
 * here too: the request must carry the same query, or Twilio's check has no hash to match.
 *
 * @param scheme - The scheme that signs (only its `name` is read).
 * @param url - The absolute URL; returned unchanged when it cannot be parsed.
 * @param delivery - The headers and body to send.
 * @example
 * ```ts
 * const signed = await signDelivery(scheme, { url: 'https://example.com/sms', body: '{"a":1}' });
 * const sendTo = await toSignedUrl(scheme, 'http://127.0.0.1:3000/sms', signed);
 * // 'http://127.0.0.1:3000/sms?bodySHA256=…' for twilio, the URL as given for the others
 * ```
 */
export async function toSignedUrl(
  scheme: Pick<Scheme, 'name'>,
  url: string,
  delivery: SignedUrlDelivery,
): Promise<string> {
  if (scheme.name !== 'twilio' || !URL.canParse(url)) return url;
  if (mediaTypeOf(delivery.headers) === FORM || new URL(url).searchParams.has(BODY_HASH_PARAM)) return url;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(toBytes(delivery.body)));
  // A fragment is never sent, so the parameter goes before it and the fragment goes.
  const hashAt = url.indexOf('#');
  const sent = hashAt < 0 ? url : url.slice(0, hashAt);
  return `${sent}${sent.includes('?') ? '&' : '?'}${BODY_HASH_PARAM}=${toHex(new Uint8Array(digest))}`;
}

function mediaTypeOf(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') return value.split(';', 1)[0]!.trim().toLowerCase();
  }
  return undefined;
}
