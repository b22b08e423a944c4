import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { createExpressMiddleware } from '@hookgate/express';
import type { Queue } from 'bullmq';
import express from 'express';
import { basicAuth } from './basic-auth.js';

/** Options of {@link createWebApp}. */
export interface WebAppOptions {
  /** Asks for user `admin` and this password before the dashboard. @default no login */
  adminPassword?: string;
}

/**
 * The web process: the receiver at /webhooks/stripe (answers as soon as the job is in Redis)
 * and bull-board at /admin/queues to see waiting, failed and completed jobs and retry them.
 * The dashboard shows payloads and can retry jobs: give it `adminPassword`, or your own login.
 */
export function createWebApp(
  receiver: Parameters<typeof createExpressMiddleware>[0],
  queues: Queue[],
  options: WebAppOptions = {},
) {
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });

  const app = express();
  // Every method, as the receiver expects: a GET gets its 405 rather than Express's HTML 404.
  app.all('/webhooks/stripe', createExpressMiddleware(receiver));
  if (options.adminPassword) app.use('/admin', basicAuth(options.adminPassword));
  app.use('/admin/queues', board.getRouter());
  return app;
}
