/** One thing a handler did. */
export interface LedgerEntry {
  provider: string;
  deliveryId: string;
  what: string;
}

/**
 * A stand-in for the application's database: handlers write to it, and the demo reads it
 * to tell whether a handler ran. It can be told to fail once or to be slow for one delivery,
 * to show what hookgate does with a failing or slow handler.
 */
export class Ledger {
  readonly entries: LedgerEntry[] = [];
  readonly #failOnce = new Set<string>();
  readonly #slow = new Map<string, number>();
  readonly #log: ((line: string) => void) | undefined;

  /** `log` is told each record (the servers print them: hookgate logs successes at debug only). */
  constructor(options: { log?: (line: string) => void } = {}) {
    this.#log = options.log;
  }

  /** Makes the next write for `deliveryId` throw, as a database outage would. */
  failOnce(deliveryId: string): void {
    this.#failOnce.add(deliveryId);
  }

  /** Makes writes for `deliveryId` take `ms` milliseconds. */
  slow(deliveryId: string, ms: number): void {
    this.#slow.set(deliveryId, ms);
  }

  /** Records what a handler did. */
  async record(entry: LedgerEntry): Promise<void> {
    const delay = this.#slow.get(entry.deliveryId);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.#failOnce.delete(entry.deliveryId)) throw new Error('ledger unavailable (simulated outage)');
    this.entries.push(entry);
    this.#log?.(`handled ${entry.provider} ${entry.deliveryId}: ${entry.what}`);
  }

  /** How many times handlers ran for a delivery. */
  count(deliveryId: string): number {
    return this.entries.filter((entry) => entry.deliveryId === deliveryId).length;
  }
}
