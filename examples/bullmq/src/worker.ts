// npm run worker -w examples/bullmq  (REDIS_URL, STRIPE_WEBHOOK_SECRET); run as many as you need.
import { startWorker } from '@hookgate/bullmq';
import { Redis } from 'ioredis';
import { createStripeReceiver } from './receiver.js';
import { QUEUE_NAME, settings } from './settings.js';

const { redisUrl, secret } = settings();
const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
// BullMQ's workers block on Redis: their connection must retry forever.
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const receiver = createStripeReceiver({
  client,
  secret,
  onPaid: async (invoiceId, amount, attempt) => {
    // A slow call (an email, an ERP) is fine here: the sender got its 200 long ago.
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(`worker ${process.pid}: ${invoiceId} paid ${amount} (attempt ${attempt})`);
  },
});
const worker = startWorker(receiver, { connection, queueName: QUEUE_NAME, concurrency: 8 });
console.log(`worker ${process.pid}: running ${QUEUE_NAME}`);
// Finish the running jobs, then leave (a SIGKILL instead leaves them stalled: another worker reruns them).
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
