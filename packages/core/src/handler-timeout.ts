/** The handler time limit of a sender that documents no response deadline. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;

/**
 * The default handler time limit of inline mode for a sender that waits `responseDeadlineMs`
 * for an answer: three quarters of it, leaving the last quarter for verification, the store's
 * claim and completion, and writing the answer. A slow handler then fails as a retryable 500
 * the sender sees, instead of a timeout on the sender's side while the handler still runs
 * (LINE 2 s → 1.5 s; Slack, Discord 3 s → 2.25 s; Shopify, Paddle 5 s → 3.75 s; GitHub 10 s
 * → 7.5 s; Twilio, Svix 15 s → 11.25 s). 30 s where the sender documents no deadline.
 *
 * @example
 * ```ts
 * defaultHandlerTimeoutMs(3_000); // 2_250
 * ```
 */
export function defaultHandlerTimeoutMs(responseDeadlineMs: number | undefined): number {
  return responseDeadlineMs === undefined
    ? DEFAULT_HANDLER_TIMEOUT_MS
    : Math.floor(responseDeadlineMs * 0.75);
}
