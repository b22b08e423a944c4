import { expect } from 'vitest';
import { isWebhookError, type WebhookError, type WebhookErrorCode } from '../errors.js';

/** What a promise rejected with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/**
 * Asserts that `promise` rejects with a `WebhookError` of `code`, and
 * that the message leaks none of `secrets`: configured secrets, received and expected
 * signature values. Values shorter than 8 characters are skipped, since words of a message
 * could contain them by chance.
 */
export async function expectWebhookError(
  promise: Promise<unknown>,
  code: WebhookErrorCode,
  secrets: readonly string[] = [],
): Promise<WebhookError> {
  const error = await rejectionOf(promise);
  expect(isWebhookError(error), `expected a WebhookError, got ${String(error)}`).toBe(true);
  const webhookError = error as WebhookError;
  expect(webhookError.code).toBe(code);
  expectNoLeak(webhookError, secrets);
  return webhookError;
}

/** Asserts that a synchronous call throws a `WebhookError` of `code` that leaks none of `secrets`. */
export function expectThrowsWebhookError(
  run: () => unknown,
  code: WebhookErrorCode,
  secrets: readonly string[] = [],
): WebhookError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isWebhookError(thrown), `expected a WebhookError, got ${String(thrown)}`).toBe(true);
  const webhookError = thrown as WebhookError;
  expect(webhookError.code).toBe(code);
  expectNoLeak(webhookError, secrets);
  return webhookError;
}

function expectNoLeak(error: WebhookError, secrets: readonly string[]): void {
  const text = `${error.message} ${JSON.stringify(error.toJSON())}`;
  for (const secret of secrets) {
    if (secret.length >= 8)
      expect(text, 'an error message leaks a secret or signature').not.toContain(secret);
  }
}
