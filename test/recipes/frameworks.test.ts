import 'reflect-metadata';
import { createExpressMiddleware } from '@hookgate/express';
import { stripe } from '@hookgate/signatures';
import { signDelivery } from '@hookgate/testing';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { describe, expect, it } from 'vitest';
import { expectRecipe, RECIPE_SECRET } from './expect-recipe.js';
import { createRecipeReceiver } from './receiver.js';

describe('README recipes on other frameworks', () => {
  /**
   * The README's Nest recipe: a module applies the Express middleware to the webhook path
   * (after Nest's body parsers, which is where Nest runs module middleware).
   */
  async function nestApp(rawBody: boolean) {
    const receiver = createRecipeReceiver(RECIPE_SECRET);
    class AppModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply(createExpressMiddleware(receiver)).forRoutes('webhooks/stripe');
      }
    }
    // Decorators applied as calls: the repository compiles without experimentalDecorators.
    Module({})(AppModule);
    const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody, logger: false });
    await app.listen(0, '127.0.0.1');
    return { app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/webhooks/stripe` };
  }

  it('NestJS (Express adapter): with rawBody: true the middleware verifies the bytes Nest kept', async () => {
    const { app, url } = await nestApp(true);
    try {
      await expectRecipe(url);
    } finally {
      await app.close();
    }
  });

  it('NestJS without rawBody: its JSON parser ate the body, so the answer is 500 RAW_BODY_UNAVAILABLE', async () => {
    const { app, url } = await nestApp(false);
    try {
      const body = JSON.stringify({ id: 'evt_nest', type: 'invoice.paid' });
      const { headers } = await signDelivery(stripe({ secret: RECIPE_SECRET }), { body });
      const response = await fetch(url, { method: 'POST', headers, body });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
    } finally {
      await app.close();
    }
  });

  it('SvelteKit: a +server.ts POST handler is receiver.fetch (shape only; not run inside SvelteKit)', async () => {
    const receiver = createRecipeReceiver(RECIPE_SECRET);
    // src/routes/webhooks/stripe/+server.ts: export const POST: RequestHandler = ...
    const post = ({ request }: { request: Request }) => receiver.fetch(request);
    await expectRecipe('http://127.0.0.1/webhooks/stripe', (url, init) =>
      post({ request: new Request(url, init) }),
    );
  });
});
