import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';

/**
 * The receivers, created once per server process (route modules are singletons). The
 * in-memory store dedupes inside one process; use `@hookgate/redis` for several.
 */
export const receivers = createReceivers({
  secrets: secretsFromEnv(),
  ledger: new Ledger({ log: console.log }),
  // No onError needed for logs: hookgate writes each refusal to the console, with the cause and
  // its stack when the failure is ours (a handler that threw, a store that is down).
});
