import { findSample, sampleEvents } from '../index.js';
import type { Sample, SampleOptions } from '../sample.js';
import { githubCatalogSamples, type LoadSample } from './github.js';

export type { LoadSample } from './github.js';

/**
 * Samples of the catalogued events (`@hookgate/events`), loaded on first use so that importing
 * @hookgate/testing stays small: every GitHub event with an example payload, and more Stripe
 * events. Each call resolves to a fresh {@link Sample}.
 *
 * @example
 * ```ts
 * const sample = await catalogSamples.github['check_run.completed']();
 * ```
 */
export const catalogSamples: Record<'github', Record<string, LoadSample>> = {
  github: githubCatalogSamples,
};

/**
 * A sample of `event` from `provider`: the hand-made one of {@link samples} where there is one,
 * else the catalogue's; `undefined` when there is neither. For code that picks samples by name.
 *
 * @example
 * ```ts
 * const sample = await loadSample('github', 'pull_request.opened', { id: 'fixed-id' });
 * ```
 */
export async function loadSample(
  provider: string,
  event: string,
  options: SampleOptions = {},
): Promise<Sample | undefined> {
  const made = findSample(provider, event);
  if (made) return made(options);
  const catalogue = Object.hasOwn(catalogSamples, provider) ? catalogSamples[provider as 'github'] : {};
  return Object.hasOwn(catalogue, event) ? catalogue[event]!(options) : undefined;
}

/**
 * Every event `provider` has a sample of, hand-made or catalogued, sorted.
 *
 * @example
 * ```ts
 * loadableSampleEvents('stripe'); // ['checkout.session.completed', 'customer.subscription.created', 'invoice.paid', …]
 * ```
 */
export function loadableSampleEvents(provider: string): string[] {
  const catalogue = Object.hasOwn(catalogSamples, provider)
    ? Object.keys(catalogSamples[provider as 'github'])
    : [];
  return [...new Set([...sampleEvents(provider), ...catalogue])].sort();
}
