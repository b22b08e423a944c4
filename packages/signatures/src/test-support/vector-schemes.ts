import type { CryptoProvider } from '../crypto-provider.js';
import { github } from '../github.js';
import { standardWebhooks, svix } from '../standard-webhooks.js';
import { stripe } from '../stripe.js';
import type { Scheme } from '../types.js';
import type { Vector } from './vectors.js';

type Factory = (vector: Vector, crypto: CryptoProvider) => Scheme;

const factories: Record<string, Factory> = {
  standardwebhooks: (v, crypto) =>
    v.secret.startsWith('whpk_')
      ? standardWebhooks({ publicKey: v.secret, crypto })
      : standardWebhooks({ secret: v.secret, crypto }),
  svix: (v, crypto) => svix({ secret: v.secret, crypto }),
  stripe: (v, crypto) => stripe({ secret: v.secret, crypto }),
  github: (v, crypto) => github({ secret: [v.secret, ...(v.additional_secrets ?? [])], crypto }),
};

/** The scheme that verifies a vector, built from the vector's secret. */
export function vectorScheme(vector: Vector, crypto: CryptoProvider): Scheme {
  const factory = factories[vector.scheme];
  if (!factory) throw new Error(`no scheme for vector scheme ${vector.scheme}`);
  return factory(vector, crypto);
}
