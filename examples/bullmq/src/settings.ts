/** The queue both processes use. */
export const QUEUE_NAME = 'webhooks-stripe';

/** The example's settings, from the environment, with local defaults. */
export function settings(env: Record<string, string | undefined> = process.env) {
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: Number(env.PORT ?? 3000),
    secret: env.STRIPE_WEBHOOK_SECRET ?? 'whsec_example_bullmq_secret',
    /** Web: attempts per job, to see a dead letter without waiting a day. @default 12 (hookgate's) */
    jobAttempts: positiveInteger('JOB_ATTEMPTS', env.JOB_ATTEMPTS),
    /** Web: the dashboard's password (user `admin`). @default none: no login, on 127.0.0.1 only */
    adminPassword: env.ADMIN_PASSWORD || undefined,
    /** Worker: `ERP_DOWN=1` makes every handler run throw, as an outage of what it calls would. */
    erpDown: env.ERP_DOWN === '1',
  };
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,2}$/.test(value))
    throw new Error(`${name} must be a whole number from 1 to 999, not ${value}`);
  return Number(value);
}
