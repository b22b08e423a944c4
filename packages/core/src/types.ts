import type { HeadersInput, VerifiedSignature } from '@hookgate/signatures';
import type { DispatchJob } from './dispatch.js';
import type { SchemaOutput, StandardSchemaV1 } from './standard-schema.js';

/** Event type → schema of the whole payload. */
export type EventSchemas = Record<string, StandardSchemaV1>;

/** A request as the core sees it: plain data, no framework objects. */
export interface HandleInput {
  /** The HTTP method. */
  method: string;
  /** The full public URL (needed by Twilio and Square, which sign it). */
  url?: string | undefined;
  /** The request headers. */
  headers: HeadersInput;
  /** The raw body bytes exactly as received. */
  body: Uint8Array | string;
  /**
   * When the request arrived: a `performance.now()` reading taken before its body was read.
   * The receive span and `hookgate.ack.duration` start there, so that they cover the body read
   * and compare with the sender's deadline. The Node layer and `receiver.fetch` set it; set it
   * yourself when you read the body before calling `handle`.
   * @default the call to `handle` (or `reject`); a later value (another clock) is ignored
   *
   * @example
   * ```ts
   * const receivedAt = performance.now();
   * const body = new Uint8Array(await request.arrayBuffer());
   * await receiver.handle({ method, url, headers, body, receivedAt });
   * ```
   */
  receivedAt?: number | undefined;
}

/** The response to send: adapters write it as it is. */
export interface HandleResult {
  /** The HTTP status. */
  status: number;
  /** Response headers. */
  headers: Record<string, string>;
  /** The response body (JSON text). */
  body: string;
}

/** Retry information the sender gives, where it gives any. */
export interface DeliveryAttempt {
  /** The retry number: 0 for the first delivery, 1 for the first retry, … */
  retry: number;
  /** Why the sender retried, when it says (Slack's `X-Slack-Retry-Reason`). */
  reason?: string | undefined;
}

/** What a handler knows about the delivery besides its payload. */
export interface DeliveryContext {
  /** The delivery id used for de-duplication. */
  deliveryId: string;
  /** The event type the delivery was routed by. */
  eventType: string;
  /** The scheme's name, for example `stripe`. */
  scheme: string;
  /** The signed timestamp, where the scheme signs one. */
  timestamp?: number | undefined;
  /** Retry information, where the sender gives it. */
  attempt?: DeliveryAttempt | undefined;
  /** The raw request headers. */
  headers: HeadersInput;
  /** What signature verification found (secret index for rotation monitoring, …). */
  verified: VerifiedSignature;
  /** Aborted when the handler runs past `handlerTimeoutMs`; pass it on to I/O. */
  signal: AbortSignal;
  /** Queue mode only: the job running this delivery on a worker (its `attempt` counts from 1). */
  job?: DispatchJob | undefined;
}

/** A handler: may return a value, which becomes the JSON response body. */
export type Handler<TPayload> = (payload: TPayload, context: DeliveryContext) => unknown;

/** The payload type of event `K`. */
export type EventPayload<TEvents extends EventSchemas, K extends keyof TEvents> = SchemaOutput<TEvents[K]>;

/** The union of every declared event's payload type. */
export type AnyEventPayload<TEvents extends EventSchemas> = {
  [K in keyof TEvents]: SchemaOutput<TEvents[K]>;
}[keyof TEvents];
