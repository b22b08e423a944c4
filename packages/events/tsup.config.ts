import { packageConfig } from '../../scripts/tsup-package.js';

// One entry per provider. Splitting (for CommonJS too) keeps each generated GitHub schema module
// a chunk of its own, loaded by `import()` on first use, instead of inlined into the entry.
export default packageConfig({
  entry: ['src/github.ts', 'src/stripe.ts', 'src/slack.ts', 'src/discord.ts', 'src/shopify.ts'],
  external: [/^@hookgate\//, 'stripe'],
  splitting: true,
});
