import { packageConfig } from '../../scripts/tsup-package.js';

// `@hookgate/core/node` is its own entry: the web-only paths never load `node:http` types.
export default packageConfig({ entry: ['src/index.ts', 'src/node.ts'] });
