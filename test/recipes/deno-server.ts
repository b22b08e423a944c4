// The README's Deno recipe, as `deno run` runs it (bundled by the test).
import { createRecipeReceiver } from './receiver.js';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const receiver = createRecipeReceiver(Deno.env.get('STRIPE_WEBHOOK_SECRET')!);
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(port) }, (request) =>
  receiver.fetch(request),
);
