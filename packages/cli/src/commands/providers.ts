import { parseArgs } from 'node:util';
import { type AnyProviderEntry, type FactLocation, providerEntry, providerNames } from '@hookgate/signatures';
import { asUsage } from '../args.js';
import { help } from '../help.js';
import { type CliIo, EXIT } from '../io.js';

const options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** One provider's facts as `hookgate providers --json` prints them. */
export interface ProviderRow {
  name: string;
  displayName: string;
  secret: AnyProviderEntry['secret'];
  signsUrl: boolean;
  timestamp: AnyProviderEntry['timestamp'] | null;
  eventType: FactLocation | null;
  deliveryId: FactLocation | null;
  retryHorizonMs: number;
  responseDeadlineMs: number | null;
  handshake: string | null;
  docs: string;
  vector: AnyProviderEntry['vector'];
}

/**
 * The facts of every registered provider, in registry order, as plain data.
 *
 * @example
 * ```ts
 * providerRows().find((row) => row.name === 'line')?.responseDeadlineMs; // 2000
 * ```
 */
export function providerRows(): ProviderRow[] {
  return providerNames.map((name) => {
    const entry = providerEntry(name);
    return {
      name,
      displayName: entry.displayName,
      secret: entry.secret,
      signsUrl: entry.signsUrl,
      timestamp: entry.timestamp ?? null,
      eventType: entry.eventType ?? null,
      deliveryId: entry.deliveryId ?? null,
      retryHorizonMs: entry.retryHorizonMs,
      responseDeadlineMs: entry.responseDeadlineMs ?? null,
      handshake: entry.handshake ?? null,
      docs: entry.docs,
      vector: entry.vector,
    };
  });
}

/** `header X-GitHub-Event`, `body type`, or `-`. */
export function describeLocation(location: FactLocation | null): string {
  if (location === null) return '-';
  return 'header' in location ? `header ${location.header}` : `body ${location.field}`;
}

/** `300 s`, `5 min`, `3 days`… for a duration in ms; `-` for none. */
export function describeDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms === 0) return 'none';
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

function table(rows: readonly ProviderRow[]): string {
  const header = ['provider', 'secret', 'timestamp', 'event type', 'delivery id', 'deadline', 'retries'];
  const lines = rows.map((row) => [
    row.name,
    `${row.secret.kind} (${row.secret.encoding})${row.signsUrl ? ', signs URL' : ''}`,
    row.timestamp ? `${row.timestamp.unit}, ±${row.timestamp.toleranceSeconds} s` : '-',
    describeLocation(row.eventType),
    describeLocation(row.deliveryId),
    describeDuration(row.responseDeadlineMs),
    describeDuration(row.retryHorizonMs),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[format(header), ...lines.map(format)].join('\n')}\n\n${rows.length} providers; hookgate providers --json for every fact (docs, handshakes, test vectors).\n`;
}

/** `hookgate providers`: lists every registered provider with its facts. */
export async function providersCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage('providers', () => parseArgs({ args: [...argv], options, strict: true }));
  if (values.help) {
    io.stdout(help.providers!);
    return EXIT.ok;
  }
  const rows = providerRows();
  io.stdout(values.json ? `${JSON.stringify(rows)}\n` : table(rows));
  return EXIT.ok;
}
