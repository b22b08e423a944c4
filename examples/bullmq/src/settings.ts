/** The queue both processes use. */
export const QUEUE_NAME = 'webhooks-stripe';

/** The example's settings, from the environment, with local defaults. */
export function settings() {
  return {
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: Number(process.env.PORT ?? 3000),
    secret: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_example_bullmq_secret',
  };
}
