import { createIdSource, JSON_CONTENT_TYPE, type Sample, type SampleFactory, sampleTime } from '../sample.js';
import { cached, readCatalogFile } from './data.js';
import { expandExample } from './expand.js';
import { githubExampleSources } from './generated/github.js';

/** A GitHub route with an example payload (GitHub's spec, or octokit's community collection). */
export type GithubExampleRoute = keyof typeof githubExampleSources;

// Shared parts serve many routes (the same repository and sender): read each once. A route's own
// file is read on every call, which is what makes each call's payload a fresh object.
const readShared = cached(readCatalogFile);

function examplePayload(route: string): unknown {
  const { shared, payload } = readCatalogFile(`github/${route}.json`) as {
    shared: string[];
    payload: unknown;
  };
  const parts = Object.fromEntries(shared.map((name) => [name, readShared(`github/shared/${name}.json`)]));
  return expandExample(payload, parts);
}

/**
 * A GitHub delivery of `route` with its example payload as GitHub (or octokit's community
 * collection) recorded it: the body is the same every time, the delivery id (`X-GitHub-Delivery`,
 * added when signing with the sample's `id`) fresh unless given.
 */
function githubExample(route: string): SampleFactory {
  const name = route.split('.')[0]!;
  return (options = {}): Sample => {
    const id = options.id ?? globalThis.crypto.randomUUID();
    const ids = createIdSource(id);
    return {
      provider: 'github',
      event: route,
      id,
      body: JSON.stringify(examplePayload(route)),
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

/** A sample of every GitHub route that has an example payload, by route; each reads its payload on call. */
export const githubExampleSamples = Object.fromEntries(
  Object.keys(githubExampleSources).map((route) => [route, githubExample(route)]),
) as Record<GithubExampleRoute, SampleFactory>;
