import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';

/**
 * The receivers, created once per server process (route modules are singletons). The
 * in-memory store dedupes inside one process; use `@hookgate/redis` for several.
 */
export const receivers = createReceivers({
  secrets: secretsFromEnv(),
  ledger: new Ledger(),
  onError: (error) => console.warn(`rejected: ${error.message}`),
});
