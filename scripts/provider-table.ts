/**
 * Writes the provider table of packages/signatures/README.md from the `providers` registry,
 * between the `<!-- providers:start -->` and `<!-- providers:end -->` markers.
 * `npm run providers:table` rewrites it; `-- --check` exits 1 when the README has drifted
 * (run by `npm test`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as signatures from '../packages/signatures/src/index.js';
import { type AnyProviderEntry, type FactLocation, providerNames } from '../packages/signatures/src/index.js';

const README = fileURLToPath(new URL('../packages/signatures/README.md', import.meta.url));
const BIOME = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
const START = '<!-- providers:start -->';
const END = '<!-- providers:end -->';
const SOURCES = {
  'published-vector': 'published vector',
  'official-sdk': 'official SDK',
  'docs-example': 'docs recipe',
};

const factoryNames = new Map<unknown, string>(
  Object.entries(signatures).map(([name, value]) => [value, name]),
);

function location(where: FactLocation | undefined): string {
  if (where === undefined) return '—';
  return 'header' in where ? `\`${where.header}\`` : `body \`${where.field}\``;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms === 0) return 'none';
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

function row(name: string, entry: AnyProviderEntry): string {
  const factory = factoryNames.get(entry.create) ?? '—';
  const timestamp = entry.timestamp
    ? `${entry.timestamp.unit}, ±${entry.timestamp.toleranceSeconds} s`
    : 'none';
  const secret = `${entry.secret.kind} (${entry.secret.encoding})${entry.signsUrl ? ', signs URL' : ''}`;
  const cells = [
    `[${entry.displayName}](${entry.docs})`,
    `\`${name}\``,
    `\`${factory}\``,
    secret,
    timestamp,
    location(entry.eventType),
    location(entry.deliveryId),
    duration(entry.responseDeadlineMs),
    duration(entry.retryHorizonMs),
    SOURCES[entry.vector.source],
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The generated block, markers included. */
export function providerTable(): string {
  const header =
    '| Provider | `--provider` | Factory | Secret | Signed timestamp | Event type | Delivery id | Answer within | Retries for | Tested against |';
  const rule = `|${' --- |'.repeat(10)}`;
  const rows = providerNames.map((name) => row(name, signatures.providerEntry(name)));
  return [
    START,
    `<!-- Generated from the providers registry by scripts/provider-table.ts (npm run providers:table); do not edit by hand. -->`,
    '',
    `${providerNames.length} named providers.`,
    '',
    header,
    rule,
    ...rows,
    END,
  ].join('\n');
}

const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`${README} has no ${START} … ${END} markers`);
  process.exit(1);
}
// Formatted as `biome check` wants it (aligned columns), so lint and this check agree.
const next = execFileSync(BIOME, ['format', `--stdin-file-path=${README}`], {
  input: readme.slice(0, start) + providerTable() + readme.slice(end + END.length),
  encoding: 'utf8',
});
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(
      'packages/signatures/README.md: the provider table is out of date; run npm run providers:table',
    );
    process.exit(1);
  }
  console.log(`provider table up to date (${providerNames.length} providers)`);
} else {
  writeFileSync(README, next);
  console.log(`wrote the provider table (${providerNames.length} providers)`);
}
