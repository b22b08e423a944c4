/**
 * Regenerates everything generated in @hookgate/events (`npm run catalogs`), from the pinned
 * upstream packages in ./sources.ts. With `--check` it writes nothing and fails when the
 * checked-in files differ from a fresh run (the root `npm test` runs it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { githubSchemaModules } from './github-schemas.js';
import { readGithubSpec } from './github-spec.js';
import { githubEventsModule } from './github-types.js';
import { providerNameModules } from './provider-names.js';
import { assertPinnedSources } from './sources.js';

const eventsSrc = fileURLToPath(new URL('../../packages/events/src/', import.meta.url));
const outDir = join(eventsSrc, 'generated');
const check = process.argv.includes('--check');

assertPinnedSources();
const spec = readGithubSpec();
const files = new Map<string, string>([
  ['github-events.ts', githubEventsModule(spec)],
  ...providerNameModules(eventsSrc),
  ...githubSchemaModules(spec),
]);

const existing = existsSync(outDir) ? listFiles(outDir) : [];
if (check) {
  const stale = [...files]
    .filter(([file, text]) => readOr(join(outDir, file)) !== text)
    .map(([file]) => file);
  const extra = existing.filter((file) => !files.has(file));
  if (stale.length > 0 || extra.length > 0) {
    const list = [...stale.map((f) => `changed: ${f}`), ...extra.map((f) => `not generated: ${f}`)];
    console.error(
      `packages/events/src/generated is out of date; run npm run catalogs\n  ${list.slice(0, 20).join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`catalogs: ${files.size} generated files up to date`);
} else {
  for (const file of existing) if (!files.has(file)) rmSync(join(outDir, file));
  for (const [file, text] of files) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    if (readOr(join(outDir, file)) !== text) writeFileSync(join(outDir, file), text);
  }
  console.log(`catalogs: wrote ${files.size} files to ${relative(process.cwd(), outDir)}`);
}

function readOr(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}
