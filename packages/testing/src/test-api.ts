/** The two functions the conformance suites need from a test runner. */
export interface TestApi {
  /** Groups tests (vitest's or jest's `describe`). */
  describe(name: string, body: () => void): void;
  /** Declares one test (vitest's or jest's `it`); the third argument is a time limit in ms. */
  it(name: string, body: () => Promise<void> | void, timeout?: number): void;
}

/**
 * The runner's `describe` and `it`: the ones given, or the globals that jest and vitest
 * (with `globals: true`) install.
 */
export function resolveTestApi(api?: TestApi): TestApi {
  if (api) return api;
  const globals = globalThis as Partial<TestApi>;
  if (typeof globals.describe !== 'function' || typeof globals.it !== 'function') {
    throw new TypeError(
      'no test runner globals found: pass { describe, it } from your runner (import { describe, it } from "vitest")',
    );
  }
  return { describe: globals.describe.bind(globalThis), it: globals.it.bind(globalThis) };
}
