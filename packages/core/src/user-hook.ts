import { isPromise } from './maybe-promise.js';

/**
 * Runs a hook of the user's (`onUnhandled`) whose failure must not change the answer: a throw,
 * or the rejection of the promise an `async` hook returns (left alone, an unhandled rejection
 * ends a Node process), goes to `failed` instead.
 */
export function callHook(hook: () => unknown, failed: (cause: unknown) => void): void {
  try {
    const returned = hook();
    if (isPromise(returned)) returned.then(undefined, failed);
  } catch (cause) {
    failed(cause);
  }
}
