import { packageConfig } from '../../scripts/tsup-package.js';

// Two builds, which tsup runs in parallel: the library (ESM and CommonJS, with declarations)
// and the `hookgate` binary (ESM only; tsup keeps its shebang and marks it executable). The
// library's clean-up spares cli.js, so the two never race on it.
export default [
  packageConfig({ clean: ['!cli.js'] }),
  packageConfig({ entry: ['src/cli.ts'], format: ['esm'], dts: false, clean: false }),
];
