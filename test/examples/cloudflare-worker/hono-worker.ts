/**
 * A test Worker: Hono with @hookgate/hono under workerd. `/webhooks/stripe` is the handler as
 * it should be mounted; under `/parsed/` a middleware reads the body as JSON first.
 */
import { createHonoMiddleware } from '@hookgate/hono';
import { Hono, type MiddlewareHandler } from 'hono';
import { createRecipeReceiver } from '../../recipes/receiver.js';

type Env = { Bindings: { STRIPE_WEBHOOK_SECRET: string } };
const app = new Hono<Env>();
let receiver: ReturnType<typeof createRecipeReceiver> | undefined;
const handler: MiddlewareHandler<Env> = (c, next) => {
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
