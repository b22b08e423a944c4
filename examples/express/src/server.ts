import { createReceivers, Ledger, secretsFromEnv } from 'hookgate-example-common';
import { closeOnSignals } from 'hookgate-example-common/shutdown';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const receivers = createReceivers({
  secrets: secretsFromEnv(),
  ledger: new Ledger({ log: console.log }),
  // No onError needed for logs: hookgate writes each refusal to the console, with the cause and
  // its stack when the failure is ours (a handler that threw, a store that is down).
});

const server = createApp(receivers).listen(port, '127.0.0.1', (error) => {
  // Express 5 hands a listen error (the port is taken) to this callback.
  if (error) {
    console.error(`express: cannot listen on 127.0.0.1:${port} (${error.message}); set PORT to a free port`);
    process.exit(1);
  }
  console.log(`hookgate Express example on http://127.0.0.1:${port}/webhooks/{stripe,github,standard}`);
});
// Ctrl-C or SIGTERM: no new requests, then the deliveries under way finish before the exit.
closeOnSignals('express', async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(Object.values(receivers).map((receiver) => receiver.close()));
});
