export type { AdyenOptions } from './adyen.js';
export { adyen } from './adyen.js';
export type { AsanaOptions } from './asana.js';
export { asana } from './asana.js';
export { isJsonText } from './body-json.js';
export type { CryptoProvider, HashAlgorithm, KeyMaterial, SignedParts } from './crypto-provider.js';
export { getDefaultCrypto } from './crypto-provider.js';
export type { DiscordOptions } from './discord.js';
export { discord, isDiscordWebhookEvent } from './discord.js';
export type { DropboxOptions } from './dropbox.js';
export { dropbox } from './dropbox.js';
export { concatBytes, toBase64, toBytes, toHex } from './encoding.js';
export type { WebhookErrorCode, WebhookErrorOptions } from './errors.js';
export { errorCodes, isWebhookError, WebhookError } from './errors.js';
export type { GitHubOptions } from './github.js';
export { github } from './github.js';
export { emptyAnswer, jsonAnswer, queryOf, queryParam, textAnswer } from './handshake.js';
export { getHeader } from './headers.js';
export type { HmacOptions } from './hmac.js';
export { hmac } from './hmac.js';
export type { HmacPreset, KeyEncoding, SignatureFormat } from './hmac-preset.js';
export type { JwtBodySchemeOptions } from './jwt-body-scheme.js';
export { netlify, vonage } from './jwt-senders.js';
export type { KickOptions } from './kick.js';
export { kick } from './kick.js';
export type { LinearOptions } from './linear.js';
export { linear } from './linear.js';
export type { MailgunOptions } from './mailgun.js';
export { mailgun } from './mailgun.js';
export type { MetaOptions } from './meta.js';
export { instagram, meta, whatsapp } from './meta.js';
export { createNodeCrypto } from './node-crypto.js';
export type { HmacSchemeOptions } from './options.js';
export type { PaddleOptions } from './paddle.js';
export { paddle } from './paddle.js';
export type { HmacPresetOptions } from './preset-scheme.js';
export { createPresetScheme } from './preset-scheme.js';
export type { PublicKeySchemeOptions } from './public-key-scheme.js';
export {
  airtable,
  alchemy,
  bitbucket,
  calCom,
  checkoutCom,
  clickUp,
  coinbaseCommerce,
  docusign,
  doppler,
  fourthwall,
  gitea,
  goCardless,
  heroku,
  hookdeck,
  intercom,
  lemonSqueezy,
  line,
  microsoftTeams,
  pagerduty,
  paystack,
  razorpay,
  segment,
  sentry,
  typeform,
  vercel,
  wooCommerce,
  xero,
} from './registry/body-hmac.js';
export type {
  AnyProviderEntry,
  FactLocation,
  ProviderEntry,
  ProviderFacts,
  ProviderOptions,
  SecretEncoding,
  SecretKind,
  TimestampFacts,
  VectorSource,
} from './registry/provider-entry.js';
export type { ProviderName } from './registry/providers.js';
export { isProviderName, providerEntry, providerNames, providers } from './registry/providers.js';
export {
  beehiiv,
  brex,
  clerk,
  dodoPayments,
  incidentIo,
  lithic,
  openai,
  polar,
  render,
  replicate,
  resend,
  stytch,
  supabaseAuthHooks,
} from './registry/standard-webhooks-senders.js';
export {
  box,
  calendly,
  customerIo,
  elevenLabs,
  hubspot,
  mandrill,
  mux,
  sanity,
  trello,
  webflow,
  workos,
  zendesk,
} from './registry/timestamped-hmac.js';
export type { SendGridOptions } from './sendgrid.js';
export { sendgrid } from './sendgrid.js';
export type { ShopifyOptions } from './shopify.js';
export { shopify } from './shopify.js';
export type { SlackOptions } from './slack.js';
export { slack } from './slack.js';
export type { SquareOptions } from './square.js';
export { square } from './square.js';
export type { StandardWebhooksOptions } from './standard-webhooks.js';
export { standardWebhooks, svix } from './standard-webhooks.js';
export type { StripeOptions } from './stripe.js';
export { stripe } from './stripe.js';
export type { TelnyxOptions } from './telnyx.js';
export { telnyx } from './telnyx.js';
export type { TimestampOptions } from './timestamp.js';
export type { TokenFormat, TokenSchemeOptions } from './token-scheme.js';
export { auth0, chargebee, deepgram, gitlab, okta, postmark, revenuecat, telegram } from './tokens.js';
export type { TwilioOptions } from './twilio.js';
export { twilio } from './twilio.js';
export type { TwitchOptions } from './twitch.js';
export { twitch } from './twitch.js';
export type { TwitterOptions } from './twitter.js';
export { twitter } from './twitter.js';
export type {
  HandshakeRequest,
  HandshakeResponse,
  HeadersInput,
  HeaderValue,
  MaybeHandshake,
  Scheme,
  SchemeHandshake,
  SecretSource,
  SignedRequest,
  SignInput,
  VerifiedSignature,
} from './types.js';
export type { SubtleCryptoLike } from './web-crypto.js';
export { createWebCrypto } from './web-crypto.js';
export type { WiseOptions } from './wise.js';
export { wise } from './wise.js';
export type { ZoomOptions } from './zoom.js';
export { zoom } from './zoom.js';
