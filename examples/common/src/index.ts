export type { LedgerEntry } from './ledger.js';
export { Ledger } from './ledger.js';
export type { ExampleReceivers, ExampleReceiversOptions } from './receivers.js';
export { createReceivers } from './receivers.js';
export { githubEvents, standardEvents, stripeEvents } from './schemas.js';
export type { ExampleSecrets } from './secrets.js';
export { secretsFromEnv } from './secrets.js';
