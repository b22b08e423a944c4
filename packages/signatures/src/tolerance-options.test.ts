import { describe, expect, it } from 'vitest';
import { hmac, linear, mailgun, paddle, slack, standardWebhooks, stripe, twitch, zoom } from './index.js';
import { providerEntry } from './registry/providers.js';
import { expectThrowsWebhookError } from './test-support/expect-error.js';
import type { TimestampOptions } from './timestamp.js';

const secret = 'whsec_dG9sZXJhbmNlLW9wdGlvbnMtc2VjcmV0';
const makers: [string, (options: TimestampOptions) => unknown][] = [
  ['stripe', (options) => stripe({ secret, ...options })],
  ['slack', (options) => slack({ secret, ...options })],
  ['standard-webhooks', (options) => standardWebhooks({ secret, ...options })],
  ['paddle', (options) => paddle({ secret, ...options })],
  ['twitch', (options) => twitch({ secret: 'twitch-tolerance-secret', ...options })],
  ['zoom', (options) => zoom({ secret, ...options })],
  ['linear', (options) => linear({ secret, ...options })],
  ['mailgun', (options) => mailgun({ secret, ...options })],
  ['hmac', (options) => hmac({ secret, header: 'X-Sig', timestampHeader: 'X-Time', ...options })],
  ['workos (a preset)', (options) => providerEntry('workos').create({ secret, ...options })],
];

describe('tolerance and futureTolerance are checked when the scheme is made', () => {
  for (const [name, make] of makers) {
    it(`${name}: NaN, a negative number or a string is INVALID_CONFIGURATION; 0 and Infinity are fine`, () => {
      for (const bad of [Number.NaN, -1, '300' as unknown as number]) {
        expectThrowsWebhookError(() => make({ tolerance: bad }), 'INVALID_CONFIGURATION');
        expectThrowsWebhookError(() => make({ futureTolerance: bad }), 'INVALID_CONFIGURATION');
      }
      expect(() => make({ tolerance: 0, futureTolerance: Number.POSITIVE_INFINITY })).not.toThrow();
    });
  }
});
