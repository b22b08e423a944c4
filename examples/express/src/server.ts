import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const ledger = new Ledger();
const receivers = createReceivers({
  secrets: secretsFromEnv(),
  ledger,
  // No onError needed for logs: hookgate writes each refusal to the console, with the cause and
  // its stack when the failure is ours (a handler that threw, a store that is down).
});

createApp(receivers).listen(port, '127.0.0.1', () => {
  console.log(`hookgate Express example on http://127.0.0.1:${port}/webhooks/{stripe,github,standard}`);
});
