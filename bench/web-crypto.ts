/**
 * Figure: `scheme.verify` with the Web Crypto provider (the edge-runtime path), against its
 * own floor: `crypto.subtle.sign('HMAC', key, bytes)` with a key imported once, over the
 * signed bytes already joined, then the encoding and a comparison. Also counts
 * `importKey` calls, to show the imported key is cached per secret.
 *
 * Targets (the Node ones, applied to this floor): ≤ 1.10× at 16 KiB and 256 KiB, ≤ 1.5× at
 * 1 KiB; one importKey per secret. Knobs: BENCH_ROUNDS (15), BENCH_SIZES, BENCH_BATCH_MS.
 */
import { createWebCrypto, github, type Scheme, standardWebhooks, stripe } from '@hookgate/signatures';
import { type Contender, measure, printFigures } from './lib/measure.js';
import { envList, envNumber, formatBytes, printVerdicts, verdict } from './lib/report.js';

const sizes = envList('BENCH_SIZES', [1024, 16384, 262144]);
const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);
const { subtle } = globalThis.crypto;

let imports = 0;
/** The platform's SubtleCrypto, counting importKey calls. */
const countingSubtle = new Proxy(subtle, {
  get(target, property) {
    if (property === 'importKey') {
      return (...args: Parameters<SubtleCrypto['importKey']>) => {
        imports++;
        return target.importKey(...args);
      };
    }
    const value = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const webCrypto = createWebCrypto(countingSubtle);

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('hex');
const base64 = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('base64');

function body(size: number): Uint8Array {
  return encoder.encode(`{"data":"${'a'.repeat(size - 11)}"}`);
}

/** The floor: one subtle.sign over the joined bytes with a cached key, the encoding, a comparison. */
async function floor(
  key: Uint8Array,
  prefix: string,
  payload: Uint8Array,
  expected: string,
  encode: (bytes: ArrayBuffer) => string,
): Promise<(() => Promise<boolean>)[]> {
  const cryptoKey = await subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const head = encoder.encode(prefix);
  const signed = new Uint8Array(head.length + payload.length);
  signed.set(head);
  signed.set(payload, head.length);
  const check = async () => encode(await subtle.sign('HMAC', cryptoKey, signed)) === expected;
  // Web Crypto has no incremental HMAC: whoever verifies `t.body` must join it into one buffer.
  const joining = async () =>
    encode(await subtle.sign('HMAC', cryptoKey, Buffer.concat([head, payload]))) === expected;
  return prefix === '' ? [check] : [check, joining];
}

async function group(
  name: string,
  scheme: Scheme,
  payload: Uint8Array,
  makeFloor: (headers: Record<string, string>) => Promise<(() => Promise<boolean>)[]>,
): Promise<Contender[]> {
  const headers = await scheme.sign({
    body: payload,
    id: 'msg_2LJ6lNbHa4ntDCmsXiSMfzoGD8v',
    timestamp: Math.floor(Date.now() / 1000),
  });
  const [check, joining] = await makeFloor(headers);
  return [
    { name: 'floor (subtle.sign, key imported once)', run: check! },
    { name: `hookgate ${name} (Web Crypto)`, run: () => scheme.verify({ headers, body: payload }) },
    ...(joining ? [{ name: 'floor + joining prefix and body per call', run: joining }] : []),
  ];
}

for (const size of sizes) {
  const importsBefore = imports;
  const payload = body(size);
  const stripeSecret = 'whsec_bench_secret';
  const githubSecret = 'gh-bench-secret';
  const swSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const groups: [string, Contender[]][] = [
    [
      'stripe',
      await group('stripe', stripe({ secret: stripeSecret, crypto: webCrypto }), payload, (headers) => {
        const header = headers['Stripe-Signature']!;
        const timestamp = header.slice(2, header.indexOf(','));
        return floor(
          encoder.encode(stripeSecret),
          `${timestamp}.`,
          payload,
          header.slice(header.indexOf('v1=') + 3),
          hex,
        );
      }),
    ],
    [
      'github',
      await group('github', github({ secret: githubSecret, crypto: webCrypto }), payload, (headers) =>
        floor(encoder.encode(githubSecret), '', payload, headers['X-Hub-Signature-256']!.slice(7), hex),
      ),
    ],
    [
      'standard-webhooks',
      await group(
        'standard-webhooks',
        standardWebhooks({ secret: swSecret, crypto: webCrypto }),
        payload,
        (headers) =>
          floor(
            Buffer.from(swSecret.slice(6), 'base64'),
            `${headers['webhook-id']}.${headers['webhook-timestamp']}.`,
            payload,
            headers['webhook-signature']!.slice(3),
            base64,
          ),
      ),
    ],
  ];
  for (const [label, contenders] of groups) {
    const figures = await measure(contenders, { rounds, batchMs, floor: contenders[0]!.name });
    const title = `${label} verify with Web Crypto, ${formatBytes(size)}`;
    printFigures(title, figures);
    const joinFloor = figures[2];
    verdict(
      `${title}: hookgate to floor`,
      figures[1]!.ratio,
      { max: size <= 1024 ? 1.5 : 1.1 },
      joinFloor ? `${(figures[1]!.ratio / joinFloor.ratio).toFixed(2)}x the floor that joins per call` : '',
    );
  }
  // Three new schemes (three secrets) signed once and verified thousands of times each.
  verdict(`web crypto importKey calls at ${formatBytes(size)}, per secret`, (imports - importsBefore) / 3, {
    max: 1,
  });
}
printVerdicts();
