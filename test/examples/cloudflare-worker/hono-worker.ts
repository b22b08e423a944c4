/**
 * A test Worker: Hono with @hookgate/hono under workerd. `/webhooks/stripe` is the handler as
 * it should be mounted; under `/parsed/` a middleware reads the body as JSON first.
 */
import { createHonoMiddleware } from '@hookgate/hono';
import { Hono } from 'hono';
import { createRecipeReceiver } from '../../recipes/receiver.js';

const app = new Hono<{ Bindings: { STRIPE_WEBHOOK_SECRET: string } }>();
let receiver: ReturnType<typeof createRecipeReceiver> | undefined;
const handler: Parameters<typeof app.post>[1] = (c, next) => {
  receiver ??= createRecipeReceiver(c.env.STRIPE_WEBHOOK_SECRET);
  return createHonoMiddleware(receiver)(c, next);
};
app.use('/parsed/*', async (c, next) => {
  await c.req.json();
  await next();
});
app.post('/webhooks/stripe', handler);
app.post('/parsed/stripe', handler);
export default app;
