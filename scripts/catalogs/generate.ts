/**
 * Regenerates everything generated for the event catalogues (`npm run catalogs`), from the
 * pinned upstream packages in ./sources.ts. With `--check` it writes nothing and fails when the
 * checked-in files differ from a fresh run (the root `npm test` runs it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { githubExampleFiles } from './github-examples.js';
import { githubSchemaModules } from './github-schemas.js';
import { readGithubSpec } from './github-spec.js';
import { githubEventsModule } from './github-types.js';
import { providerNameModules } from './provider-names.js';
import { assertPinnedSources } from './sources.js';
import { readStripeEvents, stripeApiVersionModule } from './stripe-events.js';
import { readStripeFixtures, stripeSampleFiles } from './stripe-samples.js';
import { stripeSchemaModules } from './stripe-schemas.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const check = process.argv.includes('--check');

assertPinnedSources();
const spec = readGithubSpec();
const stripe = readStripeEvents(join(root, 'packages/events/src'));
const githubExamples = githubExampleFiles(spec);
const stripeSchemas = stripeSchemaModules(stripe);
const stripeSamples = stripeSampleFiles(stripe, readStripeFixtures(), stripeSchemas.objectSchema);
/** Each generated directory (nothing else lives there) and its files. */
const outputs = new Map<string, Map<string, string>>([
  [
    'packages/events/src/generated',
    new Map([
      ['github-events.ts', githubEventsModule(spec)],
      ...providerNameModules(join(root, 'packages/events/src')),
      ...githubSchemaModules(spec),
      ...stripeSchemas.files,
      ['stripe-api-version.ts', stripeApiVersionModule(stripe.apiVersion)],
    ]),
  ],
  [
    'packages/testing/src/samples/catalog/generated',
    new Map([
      ['github.ts', githubExamples.index],
      ['stripe.ts', stripeSamples.index],
    ]),
  ],
  // The sample payloads, as data files the package ships and reads on first use.
  ['packages/testing/catalog', new Map([...githubExamples.data, ...stripeSamples.data])],
]);

const problems: string[] = [];
let count = 0;
for (const [dir, files] of outputs) {
  const outDir = join(root, dir);
  const existing = existsSync(outDir) ? listFiles(outDir) : [];
  count += files.size;
  if (check) {
    for (const [file, text] of files) {
      if (readOr(join(outDir, file)) !== text) problems.push(`changed: ${dir}/${file}`);
    }
    for (const file of existing) if (!files.has(file)) problems.push(`not generated: ${dir}/${file}`);
    continue;
  }
  for (const file of existing) if (!files.has(file)) rmSync(join(outDir, file));
  for (const [file, text] of files) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    if (readOr(join(outDir, file)) !== text) writeFileSync(join(outDir, file), text);
  }
}
if (problems.length > 0) {
  console.error(
    `generated catalogues are out of date; run npm run catalogs\n  ${problems.slice(0, 20).join('\n  ')}`,
  );
  process.exit(1);
}
console.log(check ? `catalogs: ${count} generated files up to date` : `catalogs: wrote ${count} files`);

function readOr(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}
