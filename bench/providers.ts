/**
 * Figure: `scheme.verify` of every HMAC provider of the registry at 16 KiB (BENCH_SIZES),
 * against the floor: one createHmac over the same signed bytes (the preset's template filled
 * in, the body as a Buffer) and one timingSafeEqual, nothing else.
 *
 * Target: ≤ 1.10× the floor for each provider at 16 KiB.
 * Knobs: BENCH_ROUNDS (15), BENCH_SIZES (16384), BENCH_BATCH_MS (15), BENCH_PROVIDERS (all).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AnyProviderEntry, type ProviderName, providerEntry, providerNames } from '@hookgate/signatures';
import { testSecret } from '@hookgate/testing';
import { measure, printFigures } from './lib/measure.js';
import { envList, envNumber, formatBytes, printVerdicts, verdict } from './lib/report.js';

const sizes = envList('BENCH_SIZES', [16384]);
const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const only = process.env.BENCH_PROVIDERS?.split(',');
const T = Math.floor(Date.now() / 1000);
const URL = 'https://hooks.example.com/in/ab12cd';
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

function payload(size: number): Buffer {
  let text = '{"id":"evt_1","type":"invoice.paid","data":"';
  while (text.length + 10 <= size) text += 'abcdefgh';
  while (text.length + 2 < size) text += 'x';
  return Buffer.from(`${text}"}`);
}

function keyBytes(entry: AnyProviderEntry, secret: string): Buffer {
  if (entry.secret.encoding === 'whsec') return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  if (entry.secret.encoding === 'base64') return Buffer.from(secret, 'base64');
  if (entry.secret.encoding === 'hex') return Buffer.from(secret, 'hex');
  return Buffer.from(secret);
}

/**
 * Senders that sign the URL and the sorted form parameters (Mandrill) post a form, and the
 * floor does what any verifier of them must: decode the form, sort the fields, join key and
 * value after the URL, and one HMAC over that.
 */
function signsParams(entry: AnyProviderEntry): boolean {
  return entry.preset?.template.includes('{params}') === true;
}

function formOf(json: Buffer): Buffer {
  return Buffer.from(`mandrill_events=${encodeURIComponent(`[${json.toString()}]`)}`);
}

function paramsFloor(body: Buffer): string {
  const fields = [...new URLSearchParams(body.toString())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let text = URL;
  for (const [key, value] of fields) text += key + value;
  return text;
}

/** The floor's inputs: the signed text around the body, the hash and the encoding. */
function construction(entry: AnyProviderEntry, signedTimestamp: string) {
  const preset = entry.preset;
  if (!preset) {
    // The Standard Webhooks senders: `id.timestamp.body`, SHA-256, base64.
    return {
      before: `${ID}.${signedTimestamp}.`,
      after: '',
      algorithm: 'sha256',
      encoding: 'base64',
    } as const;
  }
  const [before = '', after = ''] = preset.template
    .replace('{timestamp}', signedTimestamp)
    .replace('{url}', URL)
    .replace('{method}', 'POST')
    .replace('{id}', ID)
    .split('{body}');
  return { before, after, algorithm: preset.algorithm, encoding: preset.encoding } as const;
}

const names = providerNames.filter(
  (name) =>
    providerEntry(name).secret.kind === 'shared-secret' &&
    (providerEntry(name).preset !== undefined ||
      providerEntry(name).vector.detail.includes('(both ways), standard-webhooks-senders')) &&
    (only === undefined || only.includes(name)),
);

for (const size of sizes) {
  const json = payload(size);
  const ratios: number[] = [];
  for (const name of names as ProviderName[]) {
    const entry = providerEntry(name);
    const params = signsParams(entry);
    const body = params ? formOf(json) : json;
    const secret = testSecret(name);
    const scheme = entry.create({ secret });
    const url = entry.signsUrl ? URL : undefined;
    const headers = await scheme.sign({ body, timestamp: T, id: ID, url });
    const unit = entry.timestamp?.unit;
    const signedTimestamp =
      unit === 'milliseconds'
        ? String(T * 1000)
        : unit === 'iso8601'
          ? new Date(T * 1000).toISOString().replace('.000Z', 'Z')
          : String(T);
    const { before, after, algorithm, encoding } = construction(entry, signedTimestamp);
    const key = keyBytes(entry, secret);
    const floorMac = params
      ? () => createHmac(algorithm, key).update(paramsFloor(body)).digest(encoding)
      : () => createHmac(algorithm, key).update(before).update(body).update(after).digest(encoding);
    const expected = Buffer.from(floorMac());
    // The floor must compute the very signature the sender wrote, or it measures other work.
    if (params && !Object.values(headers).includes(expected.toString())) {
      throw new Error(`${name}: the floor's MAC is not the signature in the headers`);
    }
    const request = { headers, body, url };
    // A genuine delivery: the figure is of a verification that succeeds.
    await scheme.verify(request);
    const figures = await measure(
      [
        {
          name: 'floor',
          run: () => timingSafeEqual(Buffer.from(floorMac()), expected),
        },
        { name: `hookgate ${name}`, run: () => scheme.verify(request) },
      ],
      { rounds, batchMs, floor: 'floor' },
    );
    printFigures(`${name} ${formatBytes(size)}`, figures);
    const ours = figures[1]!;
    ratios.push(ours.ratio);
    verdict(`${name} ${formatBytes(size)}: hookgate to floor`, ours.ratio, { max: 1.1 });
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `\n${formatBytes(size)}: ${ratios.length} providers, median ratio ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}x, worst ${sorted.at(-1)!.toFixed(2)}x`,
  );
}
printVerdicts();
