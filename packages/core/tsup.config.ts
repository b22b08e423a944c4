import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ["src/index.ts"],
  external: [/^@hookgate\//],
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: {} } },
  clean: true,
  target: 'node20',
  tsconfig: '../../tsconfig.base.json',
});
