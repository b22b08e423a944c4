import type * as OtelApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, once loaded; `null` when it is not installed. */
export type Otel = typeof OtelApi;

// A variable, and ignore comments: bundlers must not try to resolve an optional peer at build
// time (webpack fails on a missing module), and Node resolves it at run time from the app.
const SPECIFIER = '@opentelemetry/api';

let loaded: Otel | null | undefined;
let loading: Promise<Otel | null> | undefined;

/**
 * Starts loading `@opentelemetry/api` once per process; resolves `null` when it is absent or
 * cannot be imported (an edge bundle), which costs nothing afterwards. A dynamic `import()`
 * works in ESM and in CommonJS (Node keeps it native in `.cjs`), so one code path serves both.
 */
export function loadOtel(): Promise<Otel | null> {
  loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ SPECIFIER).then(
    (module: Otel & { default?: Otel }) => {
      loaded = typeof module.trace === 'object' ? module : (module.default ?? null);
      return loaded;
    },
    () => {
      loaded = null;
      return null;
    },
  );
  return loading;
}

/** The API if it has loaded (`null`: absent; `undefined`: still loading). */
export function otel(): Otel | null | undefined {
  return loaded;
}

/** The load in progress, if any: the first deliveries wait for it so that none goes untraced. */
export function otelLoading(): Promise<Otel | null> | undefined {
  return loaded === undefined ? loading : undefined;
}
