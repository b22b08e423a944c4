export type {
  CryptoProvider,
  HandshakeRequest,
  HandshakeResponse,
  HeadersInput,
  Scheme,
  SchemeHandshake,
  SignedRequest,
  VerifiedSignature,
  WebhookErrorCode,
} from '@hookgate/signatures';
export { errorCodes, isWebhookError, WebhookError } from '@hookgate/signatures';
export { withDeadline } from './deadline.js';
export type { DeliveryOutcome } from './delivery-trace.js';
export type { DispatchedDelivery, DispatchedResult, Dispatcher, DispatchJob } from './dispatch.js';
export { isDispatchedDelivery } from './dispatched-record.js';
export type { ErrorPolicy } from './http-policy.js';
export { errorPolicy, errorStatus, httpStatusOf } from './http-policy.js';
export type { ConsoleLoggerOptions, Logger, LogLevel, LogMethod } from './logger.js';
export { createConsoleLogger } from './logger.js';
export type { MemoryStore, MemoryStoreOptions } from './memory-store.js';
export { createMemoryStore } from './memory-store.js';
export type { DeliveredReport, DeliveryDurations, DeliveryFacts, ErrorContext } from './observe.js';
export { isProcessLocalStore } from './process-local-store.js';
export type { SchemeProfile } from './profiles.js';
export type { PublicUrlOptions } from './public-url.js';
export { configuredPublicUrl, publicUrl } from './public-url.js';
export type { Receiver } from './receiver.js';
export { createReceiver } from './receiver.js';
export type { ReceiverOptions } from './receiver-options.js';
export type { RunDispatchedOptions } from './run-dispatched.js';
export type { SchemaOutput, StandardIssue, StandardResult, StandardSchemaV1 } from './standard-schema.js';
export type {
  ClaimOptions,
  ClaimResult,
  CompleteOptions,
  CompleteResult,
  IdempotencyStore,
} from './store.js';
export type { CapturedTraceContext, LinkedSpanEvent, LinkedSpanOptions } from './trace-link.js';
export { captureTraceContext, withLinkedSpan } from './trace-link.js';
export type {
  AnyEventPayload,
  DeliveryAttempt,
  DeliveryContext,
  EventPayload,
  EventSchemas,
  HandleInput,
  HandleResult,
  Handler,
} from './types.js';
export { unchecked } from './unchecked.js';
export { readWebRequest, toWebResponse } from './web.js';
