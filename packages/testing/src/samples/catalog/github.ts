import { createIdSource, JSON_CONTENT_TYPE, type Sample, type SampleOptions, sampleTime } from '../sample.js';
import { expandExample } from './expand.js';
import { type ExampleModule, githubExamples } from './generated/github/index.js';

/** Makes a sample whose payload is loaded on first use. */
export type LoadSample = (options?: SampleOptions) => Promise<Sample>;

/**
 * A GitHub delivery of `route` with its example payload as GitHub (or octokit's community
 * collection) recorded it: the body is the same every time, the delivery id (`X-GitHub-Delivery`,
 * added when signing with the sample's `id`) fresh unless given.
 */
function githubExample(route: string, load: () => Promise<ExampleModule>): LoadSample {
  const name = route.split('.')[0]!;
  return async (options = {}) => {
    const id = options.id ?? globalThis.crypto.randomUUID();
    const ids = createIdSource(id);
    const { payload, shared } = await load();
    return {
      provider: 'github',
      event: route,
      id,
      body: JSON.stringify(expandExample(payload, shared)),
      contentType: JSON_CONTENT_TYPE,
      headers: {
        'User-Agent': `GitHub-Hookshot/${ids.hex('hookshot', 7)}`,
        'X-GitHub-Event': name,
        'X-GitHub-Hook-ID': ids.digits('hook', 9),
      },
      timestamp: sampleTime(options),
    };
  };
}

/** A sample of every GitHub route that has an example payload, by route. */
export const githubCatalogSamples: Record<string, LoadSample> = Object.fromEntries(
  Object.entries(githubExamples).map(([route, { load }]) => [route, githubExample(route, load)]),
);
