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
export { errorStatus, isWebhookError, WebhookError } from '@hookgate/signatures';
export { withDeadline } from './deadline.js';
export type { MemoryStoreOptions } from './memory-store.js';
export { createMemoryStore } from './memory-store.js';
export type { SchemeProfile } from './profiles.js';
export type { PublicUrlOptions } from './public-url.js';
export { publicUrl } from './public-url.js';
export type { Receiver, ReceiverOptions } from './receiver.js';
export { createReceiver } from './receiver.js';
export type { SchemaOutput, StandardIssue, StandardResult, StandardSchemaV1 } from './standard-schema.js';
export type { ClaimOptions, ClaimResult, CompleteOptions, IdempotencyStore } from './store.js';
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
