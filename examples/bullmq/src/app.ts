import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { createExpressMiddleware } from '@hookgate/express';
import type { Queue } from 'bullmq';
import express from 'express';

/**
 * The web process: the receiver at /webhooks/stripe (answers as soon as the job is in Redis)
 * and bull-board at /admin/queues to see waiting, failed and completed jobs and retry them.
 * Put /admin behind your own authentication: it shows payloads and can retry jobs.
 */
export function createWebApp(receiver: Parameters<typeof createExpressMiddleware>[0], queues: Queue[]) {
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });

  const app = express();
  app.post('/webhooks/stripe', createExpressMiddleware(receiver));
  app.use('/admin/queues', board.getRouter());
  return app;
}
