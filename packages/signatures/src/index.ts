export type { CryptoProvider, HashAlgorithm, KeyMaterial, SignedParts } from './crypto-provider.js';
export { getDefaultCrypto } from './crypto-provider.js';
export type { WebhookErrorCode, WebhookErrorOptions } from './errors.js';
export { errorStatus, isWebhookError, WebhookError } from './errors.js';
export type { GitHubOptions } from './github.js';
export { github } from './github.js';
export { getHeader } from './headers.js';
export { createNodeCrypto } from './node-crypto.js';
export type { HmacSchemeOptions } from './options.js';
export type { StandardWebhooksOptions } from './standard-webhooks.js';
export { standardWebhooks, svix } from './standard-webhooks.js';
export type { StripeOptions } from './stripe.js';
export { stripe } from './stripe.js';
export type { TimestampOptions } from './timestamp.js';
export type {
  HeadersInput,
  HeaderValue,
  Scheme,
  SecretSource,
  SignedRequest,
  SignInput,
  VerifiedSignature,
} from './types.js';
export { createWebCrypto } from './web-crypto.js';
