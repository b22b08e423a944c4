import {
  airtableProvider,
  alchemyProvider,
  bitbucketProvider,
  calComProvider,
  checkoutComProvider,
  clickUpProvider,
  coinbaseCommerceProvider,
  docusignProvider,
  dopplerProvider,
  fourthwallProvider,
  giteaProvider,
  goCardlessProvider,
  herokuProvider,
  hookdeckProvider,
  intercomProvider,
  lemonSqueezyProvider,
  lineProvider,
  microsoftTeamsProvider,
  pagerdutyProvider,
  paystackProvider,
  razorpayProvider,
  segmentProvider,
  sentryProvider,
  typeformProvider,
  vercelProvider,
  wooCommerceProvider,
  xeroProvider,
} from './body-hmac.js';
import {
  discordProvider,
  githubProvider,
  linearProvider,
  paddleProvider,
  sendgridProvider,
  shopifyProvider,
  slackProvider,
  squareProvider,
  standardWebhooksProvider,
  stripeProvider,
  svixProvider,
  twilioProvider,
} from './built-in.js';
import {
  asanaProvider,
  dropboxProvider,
  instagramProvider,
  metaProvider,
  twitchProvider,
  twitterProvider,
  whatsappProvider,
  zoomProvider,
} from './handshake-senders.js';
import {
  adyenProvider,
  kickProvider,
  mailgunProvider,
  netlifyProvider,
  telnyxProvider,
  vonageProvider,
  wiseProvider,
} from './other-kinds.js';
import type { AnyProviderEntry } from './provider-entry.js';
import {
  beehiivProvider,
  brexProvider,
  clerkProvider,
  dodoPaymentsProvider,
  incidentIoProvider,
  lithicProvider,
  openaiProvider,
  polarProvider,
  renderProvider,
  replicateProvider,
  resendProvider,
  stytchProvider,
  supabaseAuthHooksProvider,
} from './standard-webhooks-senders.js';
import {
  boxProvider,
  calendlyProvider,
  customerIoProvider,
  elevenLabsProvider,
  hubspotProvider,
  mandrillProvider,
  muxProvider,
  sanityProvider,
  trelloProvider,
  webflowProvider,
  workosProvider,
  zendeskProvider,
} from './timestamped-hmac.js';
import {
  auth0Provider,
  chargebeeProvider,
  deepgramProvider,
  gitlabProvider,
  oktaProvider,
  postmarkProvider,
  revenuecatProvider,
  telegramProvider,
} from './token-senders.js';

// Adding a provider:
//  1. its scheme: a data row in a family table (body-hmac.ts, timestamped-hmac.ts,
//     standard-webhooks-senders.ts) or a scheme file with a `ProviderEntry` (built-in.ts);
//  2. one line in the table below, and its named factory in ../index.ts;
//  3. its vector test (a recipe in hmac-presets.test.ts, or the SDK both ways in test/interop);
//  4. a sample in @hookgate/testing (samples/*.ts; samples.test.ts requires one per provider);
//  5. `npm run providers:table` (the README table; `npm test` checks it).
// The shared HMAC suite, the completeness test, the property and reliability suites, core's
// profile, the CLI and `hookgate providers` pick it up from here. Secrets of a new kind need
// `testCredentials` (@hookgate/testing) and the CLI's verifierFor/signerFor to learn it.

/**
 * Every provider hookgate verifies by name, keyed by its kebab-case name (the CLI's
 * `--provider` value): each entry's scheme factory (`create`, also a named export) and its
 * facts (secret, timestamp, event-type and delivery-id locations, retry horizon, response
 * deadline, handshake, docs, test-vector source). Core, the CLI and `@hookgate/testing`
 * derive from it; adding a provider is one entry here.
 *
 * @example
 * ```ts
 * import { providers } from '@hookgate/signatures';
 * const scheme = providers['lemon-squeezy'].create({ secret: process.env.LEMON_SQUEEZY_SECRET! });
 * providers.stripe.timestamp?.toleranceSeconds; // 300
 * ```
 */
export const providers = {
  // Schemes with code of their own.
  stripe: stripeProvider,
  github: githubProvider,
  slack: slackProvider,
  shopify: shopifyProvider,
  twilio: twilioProvider,
  discord: discordProvider,
  'standard-webhooks': standardWebhooksProvider,
  svix: svixProvider,
  paddle: paddleProvider,
  linear: linearProvider,
  square: squareProvider,
  sendgrid: sendgridProvider,
  // F1: an HMAC of the body.
  bitbucket: bitbucketProvider,
  gitea: giteaProvider,
  vercel: vercelProvider,
  heroku: herokuProvider,
  sentry: sentryProvider,
  doppler: dopplerProvider,
  'lemon-squeezy': lemonSqueezyProvider,
  razorpay: razorpayProvider,
  woocommerce: wooCommerceProvider,
  'cal-com': calComProvider,
  intercom: intercomProvider,
  typeform: typeformProvider,
  segment: segmentProvider,
  line: lineProvider,
  docusign: docusignProvider,
  airtable: airtableProvider,
  paystack: paystackProvider,
  'coinbase-commerce': coinbaseCommerceProvider,
  'checkout-com': checkoutComProvider,
  alchemy: alchemyProvider,
  pagerduty: pagerdutyProvider,
  'microsoft-teams': microsoftTeamsProvider,
  fourthwall: fourthwallProvider,
  clickup: clickUpProvider,
  xero: xeroProvider,
  gocardless: goCardlessProvider,
  hookdeck: hookdeckProvider,
  // F2-F4, F6: a signed timestamp or URL with the body.
  mux: muxProvider,
  calendly: calendlyProvider,
  workos: workosProvider,
  elevenlabs: elevenLabsProvider,
  sanity: sanityProvider,
  'customer-io': customerIoProvider,
  webflow: webflowProvider,
  zendesk: zendeskProvider,
  box: boxProvider,
  hubspot: hubspotProvider,
  trello: trelloProvider,
  mandrill: mandrillProvider,
  // F5: Standard Webhooks / Svix senders.
  clerk: clerkProvider,
  resend: resendProvider,
  openai: openaiProvider,
  replicate: replicateProvider,
  polar: polarProvider,
  'dodo-payments': dodoPaymentsProvider,
  render: renderProvider,
  stytch: stytchProvider,
  brex: brexProvider,
  lithic: lithicProvider,
  beehiiv: beehiivProvider,
  'incident-io': incidentIoProvider,
  'supabase-auth-hooks': supabaseAuthHooksProvider,
  // Senders with a handshake answered by the receiver.
  meta: metaProvider,
  whatsapp: whatsappProvider,
  instagram: instagramProvider,
  dropbox: dropboxProvider,
  asana: asanaProvider,
  twitter: twitterProvider,
  twitch: twitchProvider,
  zoom: zoomProvider,
  // A shared token or Basic credentials (no body integrity).
  gitlab: gitlabProvider,
  telegram: telegramProvider,
  postmark: postmarkProvider,
  chargebee: chargebeeProvider,
  deepgram: deepgramProvider,
  revenuecat: revenuecatProvider,
  auth0: auth0Provider,
  okta: oktaProvider,
  // A JWT carrying the body's hash, a signature inside the body, RSA and Ed25519 senders.
  netlify: netlifyProvider,
  vonage: vonageProvider,
  mailgun: mailgunProvider,
  adyen: adyenProvider,
  kick: kickProvider,
  telnyx: telnyxProvider,
  wise: wiseProvider,
} as const satisfies Record<string, AnyProviderEntry>;

/** A registered provider's name. */
export type ProviderName = keyof typeof providers;

/** Every registered provider's name, in registry order. */
export const providerNames = /* @__PURE__ */ Object.keys(providers) as ProviderName[];

/**
 * Whether `name` is a registered provider.
 *
 * @example
 * ```ts
 * if (isProviderName(flag)) providers[flag].create({ secret });
 * ```
 */
export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(providers, name);
}

/**
 * The entry of a provider, typed for code that iterates the registry (its options as the
 * common {@link AnyProviderEntry} shape).
 *
 * @example
 * ```ts
 * const entry = providerEntry('github'); // entry.deliveryId: { header: 'X-GitHub-Delivery' }
 * ```
 */
export function providerEntry(name: ProviderName): AnyProviderEntry {
  return providers[name];
}
