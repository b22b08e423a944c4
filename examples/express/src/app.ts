import { createExpressMiddleware } from '@hookgate/express';
import express from 'express';
import type { ExampleReceivers } from 'hookgate-example-common';

/**
 * The example app. The webhook routes are mounted before `express.json()`: they need the raw
 * bytes. (Mounted after it, hookgate answers 500 RAW_BODY_UNAVAILABLE instead of guessing.)
 */
export function createApp(receivers: ExampleReceivers) {
  const app = express();
  app.all('/webhooks/stripe', createExpressMiddleware(receivers.stripe));
  app.all('/webhooks/github', createExpressMiddleware(receivers.github));
  app.all('/webhooks/standard', createExpressMiddleware(receivers.standard));

  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
