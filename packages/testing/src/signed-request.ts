import { type Scheme, toBytes } from '@hookgate/signatures';
import { toSignedUrl } from './signed-url.js';

/** What {@link signDelivery} and {@link createSignedRequest} sign and send. */
export interface SignDeliveryOptions {
  /**
   * The full URL the sender requests. Twilio and Square sign it, so give the public URL your
   * receiver is configured with. Required by {@link createSignedRequest}.
   */
  url?: string | undefined;
  /** The body: sent as is (a string as UTF-8); any other value is sent as `JSON.stringify(body)`. */
  body: string | Uint8Array | ArrayBuffer | object;
  /** The delivery id, where the scheme sends one (a sample's `id`). @default a random id */
  id?: string | undefined;
  /** The signed timestamp in unix seconds (a sample's `timestamp`). @default now */
  timestamp?: number | undefined;
  /** Other headers to send (a sample's `headers`). The signature headers always win. */
  headers?: Record<string, string> | undefined;
  /** The HTTP method. @default 'POST' */
  method?: string | undefined;
  /**
   * The `Content-Type` (it wins over one in `headers`). @default `application/json` for
   * objects and JSON (text or bytes), a form for `a=b&c=d` text (and any other text signed for
   * Twilio), `text/plain` for other text, `application/octet-stream` for other bytes
   */
  contentType?: string | undefined;
}

/** A signed delivery as plain data, for supertest, light-my-request or `receiver.handle`. */
export interface SignedDelivery {
  /** The HTTP method. */
  method: string;
  /** The URL that was signed (with `bodySHA256` added for a Twilio JSON body); absent when none was given. */
  url?: string | undefined;
  /** Every header to send: the given ones, `content-type`, and the signature headers. */
  headers: Record<string, string>;
  /** The body to send: a string for text and objects, a `Buffer` (where there is one) for bytes. */
  body: string | Uint8Array;
}

const FORM = 'application/x-www-form-urlencoded';
const FORM_LIKE = /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/;

/**
 * Signs a delivery exactly as the provider would and returns it as plain data: headers and
 * body ready for supertest (`.set(headers).send(body)`), `fastify.inject` or
 * `receiver.handle(delivery)`.
 *
 * @example
 * ```ts
 * const { headers, body } = await signDelivery(stripe({ secret }), samples.stripe['invoice.paid']());
 * await request(app).post('/webhooks/stripe').set(headers).send(body).expect(200);
 * ```
 */
export async function signDelivery(scheme: Scheme, options: SignDeliveryOptions): Promise<SignedDelivery> {
  const { text, bytes } = bodyOf(options.body);
  const contentType =
    options.contentType ??
    headerOf(options.headers, 'content-type') ??
    guessContentType(scheme, options.body, text);
  const url =
    options.url === undefined
      ? undefined
      : await toSignedUrl(scheme, options.url, { headers: { 'content-type': contentType }, body: bytes });
  const input = { body: bytes, id: options.id, timestamp: options.timestamp, url };
  // Mailgun and Adyen sign inside the body: the body sent is the one signBody() wrote.
  if (scheme.signBody) {
    const inBody = await scheme.signBody(input);
    const headers = mergeHeaders(options.headers ?? {}, { 'content-type': contentType }, inBody.headers);
    return {
      method: options.method ?? 'POST',
      ...(url === undefined ? {} : { url }),
      headers,
      body: inBody.body,
    };
  }
  const signature = await scheme.sign(input);
  const headers = mergeHeaders(options.headers ?? {}, { 'content-type': contentType }, signature);
  const body = text ?? toBuffer(bytes);
  return { method: options.method ?? 'POST', ...(url === undefined ? {} : { url }), headers, body };
}

/**
 * A web `Request` signed exactly as the provider signs it: for `receiver.fetch(request)`, Hono's
 * `app.request(request)`, a Next.js route handler, or `fetch` itself.
 *
 * @example
 * ```ts
 * const request = await createSignedRequest(github({ secret }), {
 *   url: 'https://example.test/webhooks/github',
 *   ...samples.github.push(),
 * });
 * const response = await receiver.fetch(request);
 * ```
 */
export async function createSignedRequest(
  scheme: Scheme,
  options: SignDeliveryOptions & { url: string },
): Promise<Request> {
  const delivery = await signDelivery(scheme, options);
  const method = delivery.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(delivery.url!, {
    method: delivery.method,
    headers: delivery.headers,
    body: hasBody ? new Uint8Array(toBytes(delivery.body)) : undefined,
  });
}

function bodyOf(body: SignDeliveryOptions['body']): { text?: string; bytes: Uint8Array } {
  if (typeof body === 'string') return { text: body, bytes: toBytes(body) };
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  const text = JSON.stringify(body);
  return { text, bytes: toBytes(text) };
}

function guessContentType(
  scheme: Scheme,
  body: SignDeliveryOptions['body'],
  given: string | undefined,
): string {
  const text = given ?? decodeUtf8(body as Uint8Array);
  if (text === undefined) return 'application/octet-stream';
  if (isJson(text)) return 'application/json';
  if (given === undefined) return 'application/octet-stream';
  // Twilio posts forms; any other text body it would sign through bodySHA256.
  if (scheme.name === 'twilio' || FORM_LIKE.test(text)) return FORM;
  return 'text/plain; charset=utf-8';
}

function decodeUtf8(bytes: Uint8Array | ArrayBuffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Later sets win, case-insensitively; the name keeps the case of the set that wrote it. */
function mergeHeaders(...sets: Record<string, string>[]): Record<string, string> {
  const byLower = new Map<string, [string, string]>();
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) byLower.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(byLower.values());
}

function toBuffer(bytes: Uint8Array): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): Uint8Array } }).Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes) : bytes;
}
