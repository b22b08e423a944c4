/**
 * Shuts a process down gracefully on SIGTERM (a process manager, `kill`) and on SIGINT
 * (Ctrl-C, which the terminal sends to `npm`, `tsx` and the app alike): runs `close` once, then
 * exits 0. Without a SIGINT handler, Ctrl-C would end the process mid-delivery: the deliveries
 * under way would get no answer, and a queue worker's running jobs would stall until their
 * claims expire. A second signal while `close` runs exits at once.
 *
 * @example
 * ```ts
 * closeOnSignals('web', async () => {
 *   await new Promise((resolve) => server.close(resolve));
 *   await receiver.close();
 * });
 * ```
 */
export function closeOnSignals(name: string, close: () => Promise<unknown>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      console.log(`${name}: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    console.log(`${name}: ${signal}, finishing the deliveries under way`);
    close().then(
      () => {
        console.log(`${name}: closed`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`${name}: shutdown failed`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
