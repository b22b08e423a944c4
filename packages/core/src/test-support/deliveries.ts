import type { Scheme } from '@hookgate/signatures';
import type { HandleInput } from '../types.js';

/** Fixed test clock: 2026-01-01T00:00:00Z. */
export const NOW_MS = Date.UTC(2026, 0, 1);
export const NOW_SECONDS = NOW_MS / 1000;

/** A correctly signed POST for `scheme`, as the sender would deliver it. */
export async function signedInput(
  scheme: Scheme,
  payload: unknown,
  options: { id?: string; timestamp?: number; headers?: Record<string, string>; url?: string } = {},
): Promise<HandleInput> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = await scheme.sign({
    body,
    id: options.id,
    timestamp: options.timestamp ?? NOW_SECONDS,
    url: options.url,
  });
  return {
    method: 'POST',
    url: options.url ?? 'https://example.test/webhooks',
    headers: { 'content-type': 'application/json', ...signature, ...options.headers },
    body: new TextEncoder().encode(body),
  };
}

/** The parsed JSON body of a result. */
export function bodyOf(result: { body: string }): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

/** A promise with its resolver, for holding a handler open. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
