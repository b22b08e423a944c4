import type { DeadLetter } from '@hookgate/bullmq';

/**
 * The dead letters as a table a person reads in a terminal: one row each, newest first, then
 * the command that replays them (`replay`: `hookgate jobs replay` with the same Redis and queue).
 */
export function formatDeadLetters(letters: readonly DeadLetter[], now: number, replay: string): string {
  if (letters.length === 0) return 'no failed jobs\n';
  const rows = letters.map((letter) => [
    letter.id,
    letter.eventType,
    String(letter.attemptsMade),
    letter.failedAt === undefined ? '-' : ago(now - letter.failedAt),
    oneLine(letter.failedReason, 80),
  ]);
  const header = ['ID', 'EVENT', 'ATTEMPTS', 'FAILED', 'ERROR'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n${letters.length} failed job(s); replay with ${replay} --id ID (or --all)\n`;
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)}h ago`;
  return `${Math.round(seconds / 86_400)}d ago`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
