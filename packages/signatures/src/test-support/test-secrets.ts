import type { SecretEncoding } from '../registry/provider-entry.js';

/**
 * Two distinct example secrets in a provider's format (the second for rotation and
 * wrong-secret cases). Test values only, long enough to be found if a message leaked them.
 */
export function exampleSecrets(encoding: SecretEncoding): [string, string] {
  switch (encoding) {
    case 'whsec':
      return ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM='];
    case 'base64':
      return ['dGVzdC1zZWNyZXQtb25lLWZvci1ob29rZ2F0ZQ==', 'c2Vjb25kLXNlY3JldC1mb3ItaG9va2dhdGU='];
    case 'hex':
      return ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'];
    default:
      return ['test-secret-one-for-hookgate', 'second-secret-for-hookgate'];
  }
}
