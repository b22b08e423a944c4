// npm run worker -w examples/bullmq  (REDIS_URL, STRIPE_WEBHOOK_SECRET, ERP_DOWN); run as many as you need.
import { startWorker } from '@hookgate/bullmq';
import { closeOnSignals } from 'hookgate-example-common/shutdown';
import { Redis } from 'ioredis';
import { createStripeReceiver } from './receiver.js';
import { redisReady } from './redis-ready.js';
import { QUEUE_NAME, settings } from './settings.js';

const { redisUrl, secret, erpDown } = settings();
const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
// BullMQ's workers block on Redis: their connection must retry forever.
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const receiver = createStripeReceiver({
  client,
  secret,
  onPaid: async (invoiceId, amount, attempt) => {
    // A slow call (an email, an ERP) is fine here: the sender got its 200 long ago.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (erpDown) throw new Error('ERP unreachable (ERP_DOWN=1)');
    console.log(`worker ${process.pid}: ${invoiceId} paid ${amount} (attempt ${attempt})`);
  },
});
await redisReady(`worker ${process.pid}`, redisUrl, [client]);
const worker = startWorker(receiver, { connection, queueName: QUEUE_NAME, concurrency: 8 });
console.log(
  `worker ${process.pid}: running ${QUEUE_NAME}${erpDown ? ' (ERP_DOWN=1: every handler fails)' : ''}`,
);
// Finish the running jobs, then leave. A SIGKILL instead leaves them stalled: another worker
// reruns them once the dead worker's claim has expired (leaseMs, 5.5 minutes by default).
closeOnSignals(`worker ${process.pid}`, async () => {
  await worker.close();
  await client.quit();
  connection.disconnect();
});
