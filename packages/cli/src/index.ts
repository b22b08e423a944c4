export type { Diagnosis, ExplainInput, ExplainResult } from './explain.js';
export { explain } from './explain.js';
export type { CliIo } from './io.js';
export { EXIT } from './io.js';
export type { HmacFlags, ProviderName } from './providers.js';
export { PROVIDERS } from './providers.js';
export { runCli } from './run-cli.js';
