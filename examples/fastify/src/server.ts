import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';
import { closeOnSignals } from 'hookgate-example-common/shutdown';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3001);
const receivers = createReceivers({
  secrets: secretsFromEnv(),
  ledger: new Ledger({ log: console.log }),
  // No onError needed for logs: hookgate writes each refusal to the console, with the cause and
  // its stack when the failure is ours (a handler that threw, a store that is down).
});
const app = await createApp(receivers);
await app.listen({ port, host: '127.0.0.1' });
console.log(`hookgate Fastify example on http://127.0.0.1:${port}/webhooks/{stripe,github,standard}`);
// Ctrl-C or SIGTERM: no new requests, then the deliveries under way finish before the exit.
closeOnSignals('fastify', async () => {
  await app.close();
  await Promise.all(Object.values(receivers).map((receiver) => receiver.close()));
});
