import {
  airtableSamples,
  alchemySamples,
  bitbucketSamples,
  calComSamples,
  checkoutComSamples,
  clickUpSamples,
  coinbaseCommerceSamples,
  docusignSamples,
  dopplerSamples,
  fourthwallSamples,
  giteaSamples,
  goCardlessSamples,
  herokuSamples,
  hookdeckSamples,
  intercomSamples,
  lemonSqueezySamples,
  lineSamples,
  microsoftTeamsSamples,
  pagerdutySamples,
  paystackSamples,
  razorpaySamples,
  segmentSamples,
  sentrySamples,
  typeformSamples,
  vercelSamples,
  wooCommerceSamples,
  xeroSamples,
} from './body-hmac-samples.js';
import { githubExampleSamples } from './catalog/github.js';
import { stripeFixtureSamples } from './catalog/stripe-fixtures.js';
import { discordSamples } from './discord.js';
import { githubSamples } from './github.js';
import {
  asanaSamples,
  dropboxSamples,
  instagramSamples,
  metaSamples,
  twitchSamples,
  twitterSamples,
  whatsappSamples,
  zoomSamples,
} from './handshake-samples.js';
import { linearSamples } from './linear.js';
import {
  adyenSamples,
  auth0Samples,
  chargebeeSamples,
  deepgramSamples,
  gitlabSamples,
  kickSamples,
  mailgunSamples,
  netlifySamples,
  oktaSamples,
  postmarkSamples,
  revenuecatSamples,
  telegramSamples,
  telnyxSamples,
  vonageSamples,
  wiseSamples,
} from './non-hmac-samples.js';
import { paddleSamples } from './paddle.js';
import type { Sample, SampleFactory, SampleOptions } from './sample.js';
import { sendgridSamples } from './sendgrid.js';
import { shopifySamples } from './shopify.js';
import { slackSamples } from './slack.js';
import { squareSamples } from './square.js';
import { standardWebhooksSamples, svixSamples } from './standard-webhooks.js';
import { stripeSamples } from './stripe.js';
import {
  beehiivSamples,
  boxSamples,
  brexSamples,
  calendlySamples,
  clerkSamples,
  customerIoSamples,
  dodoPaymentsSamples,
  elevenLabsSamples,
  hubspotSamples,
  incidentIoSamples,
  lithicSamples,
  mandrillSamples,
  muxSamples,
  openaiSamples,
  polarSamples,
  renderSamples,
  replicateSamples,
  resendSamples,
  sanitySamples,
  stytchSamples,
  supabaseAuthHooksSamples,
  trelloSamples,
  webflowSamples,
  workosSamples,
  zendeskSamples,
} from './timestamped-samples.js';
import { twilioSamples } from './twilio.js';

/**
 * The catalogue's samples with the hand-made ones over them: a hand-made sample keeps its name's
 * place (first, so a provider's first sample stays a hand-made one) and wins over the catalogue's.
 */
function overCatalogue<C extends object, H extends object>(catalogue: C, handMade: H): Omit<C, keyof H> & H {
  return { ...handMade, ...catalogue, ...handMade };
}

/**
 * Realistic deliveries of common events, by provider (the scheme's name) and event type (as a
 * hookgate receiver routes it). Each call makes a fresh delivery with new ids and the current
 * time; pass `{ id, timestamp }` for the same bytes every time. Sign a sample with its own `id`
 * and `timestamp` (spread it into {@link createSignedRequest}) so headers and payload agree.
 *
 * GitHub and Stripe also have a sample of every catalogued event the provider publishes an
 * example of (`@hookgate/events`): GitHub's spec examples (else octokit's community collection)
 * and Stripe's API fixtures around the event envelope. Their payloads are data files read on a
 * sample's first call, so importing this package stays cheap. An unknown event name does not compile.
 *
 * @example
 * ```ts
 * const sample = samples.stripe['checkout.session.completed']();
 * const fromGithub = samples.github['check_run.completed']();
 * const request = await createSignedRequest(stripe({ secret }), { url, ...sample });
 * const fixed = samples.github.push({ id: '5b7e0a2c-0000-4000-a000-000000000001', timestamp: 1767225600 });
 * ```
 */
export const samples = {
  stripe: overCatalogue(stripeFixtureSamples, stripeSamples),
  github: overCatalogue(githubExampleSamples, githubSamples),
  shopify: shopifySamples,
  slack: slackSamples,
  twilio: twilioSamples,
  'standard-webhooks': standardWebhooksSamples,
  svix: svixSamples,
  discord: discordSamples,
  paddle: paddleSamples,
  linear: linearSamples,
  square: squareSamples,
  sendgrid: sendgridSamples,
  bitbucket: bitbucketSamples,
  gitea: giteaSamples,
  vercel: vercelSamples,
  heroku: herokuSamples,
  sentry: sentrySamples,
  doppler: dopplerSamples,
  'lemon-squeezy': lemonSqueezySamples,
  razorpay: razorpaySamples,
  woocommerce: wooCommerceSamples,
  'cal-com': calComSamples,
  intercom: intercomSamples,
  typeform: typeformSamples,
  segment: segmentSamples,
  line: lineSamples,
  docusign: docusignSamples,
  airtable: airtableSamples,
  paystack: paystackSamples,
  'coinbase-commerce': coinbaseCommerceSamples,
  'checkout-com': checkoutComSamples,
  alchemy: alchemySamples,
  pagerduty: pagerdutySamples,
  'microsoft-teams': microsoftTeamsSamples,
  fourthwall: fourthwallSamples,
  clickup: clickUpSamples,
  xero: xeroSamples,
  gocardless: goCardlessSamples,
  hookdeck: hookdeckSamples,
  mux: muxSamples,
  calendly: calendlySamples,
  workos: workosSamples,
  elevenlabs: elevenLabsSamples,
  sanity: sanitySamples,
  'customer-io': customerIoSamples,
  webflow: webflowSamples,
  zendesk: zendeskSamples,
  box: boxSamples,
  hubspot: hubspotSamples,
  trello: trelloSamples,
  mandrill: mandrillSamples,
  clerk: clerkSamples,
  resend: resendSamples,
  openai: openaiSamples,
  replicate: replicateSamples,
  polar: polarSamples,
  'dodo-payments': dodoPaymentsSamples,
  render: renderSamples,
  stytch: stytchSamples,
  brex: brexSamples,
  lithic: lithicSamples,
  beehiiv: beehiivSamples,
  'incident-io': incidentIoSamples,
  'supabase-auth-hooks': supabaseAuthHooksSamples,
  meta: metaSamples,
  whatsapp: whatsappSamples,
  instagram: instagramSamples,
  dropbox: dropboxSamples,
  asana: asanaSamples,
  twitter: twitterSamples,
  twitch: twitchSamples,
  zoom: zoomSamples,
  gitlab: gitlabSamples,
  telegram: telegramSamples,
  postmark: postmarkSamples,
  chargebee: chargebeeSamples,
  deepgram: deepgramSamples,
  revenuecat: revenuecatSamples,
  auth0: auth0Samples,
  okta: oktaSamples,
  netlify: netlifySamples,
  vonage: vonageSamples,
  mailgun: mailgunSamples,
  adyen: adyenSamples,
  kick: kickSamples,
  telnyx: telnyxSamples,
  wise: wiseSamples,
};

/** A provider that has samples. */
export type SampleProvider = keyof typeof samples;

/**
 * The sample factory of `provider` for `event`, or, without `event`, the provider's first one;
 * `undefined` when there is none. For code that picks samples by name (the CLI, the simulator).
 *
 * @example
 * ```ts
 * const make = findSample('stripe', 'invoice.paid');
 * ```
 */
export function findSample(provider: string, event?: string): SampleFactory | undefined {
  if (!Object.hasOwn(samples, provider)) return undefined;
  const byEvent: Record<string, SampleFactory> = samples[provider as SampleProvider];
  if (event === undefined) return Object.values(byEvent)[0];
  return Object.hasOwn(byEvent, event) ? byEvent[event] : undefined;
}

/**
 * The event types that have samples for `provider` (empty when it has none).
 *
 * @example
 * ```ts
 * sampleEvents('github'); // ['push', 'issues.opened', …]: the built-in samples, then the catalogue's
 * ```
 */
export function sampleEvents(provider: string): string[] {
  return Object.hasOwn(samples, provider) ? Object.keys(samples[provider as SampleProvider]) : [];
}

/**
 * A sample of `event` from `provider` (as {@link samples} has it: hand-made where there is one,
 * else the catalogue's), or `undefined` when there is none. For code that picks samples by name,
 * such as `hookgate send`.
 *
 * @example
 * ```ts
 * const sample = loadSample('github', 'pull_request.opened', { id: '5b7e0a2c-0000-4000-a000-000000000001' });
 * ```
 */
export function loadSample(provider: string, event: string, options: SampleOptions = {}): Sample | undefined {
  return findSample(provider, event)?.(options);
}

/**
 * Every event `provider` has a sample of, hand-made or catalogued, sorted.
 *
 * @example
 * ```ts
 * loadableSampleEvents('stripe'); // ['account.application.authorized', …, 'checkout.session.completed', …]
 * ```
 */
export function loadableSampleEvents(provider: string): string[] {
  return sampleEvents(provider).sort();
}
