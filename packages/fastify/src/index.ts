export type { HookgatePluginOptions } from './plugin.js';
export { hookgatePlugin } from './plugin.js';
