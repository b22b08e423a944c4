/** One header value as Node and most frameworks hand it over. */
export type HeaderValue = string | readonly string[] | undefined;

/** Request headers: a web `Headers` object or a plain record (any name case). */
export type HeadersInput = Headers | Readonly<Record<string, HeaderValue>>;

/** The parts of an incoming request that a signature covers. */
export interface SignedRequest {
  /** The request headers. */
  headers: HeadersInput;
  /** The raw body exactly as received. A string is taken as its UTF-8 bytes. */
  body: Uint8Array | string;
  /** The full public URL the sender requested (Twilio and Square sign it). */
  url?: string | undefined;
  /** The HTTP method, for the senders that sign it (HubSpot). @default 'POST' */
  method?: string | undefined;
  /** The current time in milliseconds since the epoch. @default Date.now() */
  now?: number | undefined;
}

/** What a successful verification tells about the delivery. */
export interface VerifiedSignature {
  /** The scheme's name, for example `stripe`. */
  scheme: string;
  /** The delivery id carried by the headers, when the scheme has one. */
  id?: string | undefined;
  /** The signed timestamp in the scheme's own unit (seconds for all but Linear, which sends ms). */
  timestamp?: number | undefined;
  /** Which secret of the configured list matched (0 is the first); for rotation monitoring. */
  secretIndex: number;
  /** The signature version that matched, for example `v1` or `v1a`. */
  version?: string | undefined;
  /**
   * The signature that matched, where it identifies the signed content on its own: schemes
   * whose sender computes exactly one HMAC per delivery and writes it in one canonical form
   * (GitHub, Shopify, Slack, Linear, Square, Twilio). Every request that passes verification
   * with the same signed content carries the same value, however its headers are arranged, so
   * receivers use it as the replay key of deliveries without a signed id. Absent where a
   * sender signs with several secrets at once (Stripe, Standard Webhooks: a replay could keep
   * any one of them) or where signatures are malleable (Ed25519, ECDSA).
   */
  contentKey?: string | undefined;
}

/** What {@link Scheme.sign} signs. */
export interface SignInput {
  /** The body to sign. A string is taken as its UTF-8 bytes. */
  body: Uint8Array | string;
  /** The delivery id, where the scheme sends one. @default a random id */
  id?: string | undefined;
  /** The timestamp in seconds, where the scheme signs one. @default now */
  timestamp?: number | undefined;
  /** The full URL, for schemes that sign it (Twilio, Square). */
  url?: string | undefined;
}

/** A webhook signature scheme: verification and signing side by side. */
export interface Scheme {
  /** A stable name, for example `stripe` or `standard-webhooks`. */
  readonly name: string;
  /** Whether the delivery id in {@link VerifiedSignature.id} is covered by the signature. */
  readonly signsDeliveryId?: boolean | undefined;
  /**
   * The widest timestamp window this scheme accepts, in seconds (past or future), when it
   * signs a timestamp. Receivers keep delivery ids at least this long, so a captured request
   * cannot be replayed while its timestamp still passes.
   */
  readonly toleranceSeconds?: number | undefined;
  /** Verifies a request; resolves with what it learned or rejects with a `WebhookError`. */
  verify(request: SignedRequest): Promise<VerifiedSignature>;
  /** Signs a body as the sender would; resolves with the headers to send. */
  sign(input: SignInput): Promise<Record<string, string>>;
  /**
   * For schemes whose signature travels inside the body (Mailgun, Adyen): signs by writing
   * the signature into the body, and resolves with the headers and the body to send. Their
   * {@link sign} throws, since headers alone cannot carry it.
   */
  signBody?(input: SignInput): Promise<{ headers: Record<string, string>; body: string }>;
  /**
   * The challenges this sender sends to prove the endpoint is yours, answered by the
   * receiver (Meta's `hub.challenge`, Zoom's URL validation, Slack's `url_verification`, …).
   * Absent for senders that send none.
   */
  readonly handshake?: SchemeHandshake | undefined;
}

/** The parts of a request an unsigned challenge is read from: never its body. */
export interface HandshakeRequest {
  /** The HTTP method, for example `GET`. */
  method: string;
  /** The URL as received (a path with its query, or the full URL). */
  url?: string | undefined;
  /** The request headers. */
  headers: HeadersInput;
}

/** The answer to a challenge: plain data that receivers write as it is. */
export interface HandshakeResponse {
  /** The HTTP status. */
  status: number;
  /** Response headers (`content-type` included when there is a body). */
  headers: Record<string, string>;
  /** The response body as text; empty for none. */
  body: string;
}

/** An answer, synchronously or not; `undefined` when the request is no challenge. */
export type MaybeHandshake = HandshakeResponse | undefined | Promise<HandshakeResponse | undefined>;

/**
 * How a scheme answers its sender's challenges. A receiver calls {@link challenge} first, for
 * every request (before it refuses a method other than POST), and {@link respond} after the
 * signature verified, with the parsed payload. Both return `undefined` for ordinary
 * deliveries, which then go on through the pipeline.
 */
export interface SchemeHandshake {
  /**
   * Answers a challenge the sender does not sign (a `GET` with a query, or Asana's first
   * `X-Hook-Secret` request); sees method, URL and headers only. Throws a `WebhookError`
   * for a challenge that fails its check (a wrong verify token).
   */
  challenge?(request: HandshakeRequest): MaybeHandshake;
  /** Answers a signed challenge (Twitch, Zoom, Slack, Discord) once it has verified. */
  respond?(payload: unknown, request: SignedRequest, verified: VerifiedSignature): MaybeHandshake;
}

/**
 * Where a scheme takes its secrets: one, several (rotation: any one may match, the first
 * signs), or an async function of the request (per-tenant lookup).
 */
export type SecretSource<TSecret = string> =
  | TSecret
  | readonly TSecret[]
  | ((request: SignedRequest) => TSecret | readonly TSecret[] | Promise<TSecret | readonly TSecret[]>);
