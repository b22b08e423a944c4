import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { vectorScheme } from './test-support/vector-schemes.js';
import { cryptoProviders, type Vector, vectorRequest } from './test-support/vectors.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);

describe.each(cryptoProviders)('official vectors with $name crypto', ({ provider }) => {
  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', async (_id, vector) => {
    const scheme = vectorScheme(vector, provider);
    const outcome = scheme.verify(vectorRequest(vector));
    if (vector.expected === 'valid') {
      await expect(outcome).resolves.toMatchObject({ scheme: scheme.name });
    } else {
      const error = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isWebhookError(error), `expected a WebhookError, got ${String(error)}`).toBe(true);
    }
  });
});
