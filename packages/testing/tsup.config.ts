import { packageConfig } from '../../scripts/tsup-package.js';

// The catalogue samples' payloads are data files (catalog/, shipped next to dist/) found through
// `import.meta.url`: the shim gives the CommonJS build one.
export default packageConfig({ shims: true });
