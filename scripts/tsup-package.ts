import { defineConfig, type Options } from 'tsup';

/**
 * The build every hookgate package shares: ESM and CommonJS with declarations for both,
 * other @hookgate packages and all dependencies left external.
 */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    external: [/^@hookgate\//],
    format: ['esm', 'cjs'],
    // Declarations resolve other @hookgate packages through their built types, not sources.
    dts: { compilerOptions: { paths: {} } },
    clean: true,
    target: 'node20',
    tsconfig: '../../tsconfig.base.json',
    ...overrides,
  });
}
