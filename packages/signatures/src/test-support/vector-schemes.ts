import type { CryptoProvider } from '../crypto-provider.js';
import { discord } from '../discord.js';
import { github } from '../github.js';
import { linear } from '../linear.js';
import { paddle } from '../paddle.js';
import { sendgrid } from '../sendgrid.js';
import { shopify } from '../shopify.js';
import { slack } from '../slack.js';
import { square } from '../square.js';
import { standardWebhooks, svix } from '../standard-webhooks.js';
import { stripe } from '../stripe.js';
import { twilio } from '../twilio.js';
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
  slack: (v, crypto) => slack({ secret: v.secret, crypto }),
  shopify: (v, crypto) => shopify({ secret: v.secret, crypto }),
  paddle: (v, crypto) => paddle({ secret: v.secret, crypto }),
  linear: (v, crypto) => linear({ secret: v.secret, crypto }),
  square: (v, crypto) => square({ secret: v.secret, crypto }),
  twilio: (v, crypto) => twilio({ secret: v.secret, crypto }),
  discord: (v, crypto) => discord({ publicKey: v.secret, crypto }),
  sendgrid: (v, crypto) => sendgrid({ publicKey: v.secret, crypto }),
};

/** The scheme that verifies a vector, built from the vector's secret. */
export function vectorScheme(vector: Vector, crypto: CryptoProvider): Scheme {
  const factory = factories[vector.scheme];
  if (!factory) throw new Error(`no scheme for vector scheme ${vector.scheme}`);
  return factory(vector, crypto);
}
