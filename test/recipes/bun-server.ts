// The README's Bun recipe, as `bun` runs it (bundled by the test).
import { createRecipeReceiver } from './receiver.js';

declare const Bun: {
  serve(options: { hostname: string; port: number; fetch(request: Request): Promise<Response> }): {
    port: number;
  };
};

const receiver = createRecipeReceiver(process.env.STRIPE_WEBHOOK_SECRET!);
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => receiver.fetch(request) });
console.log(server.port);
