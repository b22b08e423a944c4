import { packageConfig } from '../../scripts/tsup-package.js';

// Splitting (for CommonJS too) keeps each catalogued sample payload a chunk of its own, loaded by
// `import()` on first use, so importing @hookgate/testing stays small.
export default packageConfig({ splitting: true });
