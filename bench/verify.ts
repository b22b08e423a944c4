/**
 * Figure: `scheme.verify` on Node against the floor (createHmac over the same bytes +
 * timingSafeEqual) and against each official SDK, at 1 KiB, 16 KiB and 256 KiB, ASCII JSON
 * and non-ASCII JSON bodies.
 *
 * Targets: ≤ 1.10× the floor at 16 KiB and 256 KiB, ≤ 1.5× at 1 KiB; faster than every SDK.
 * Knobs: BENCH_ROUNDS (15), BENCH_SIZES (1024,16384,262144), BENCH_BATCH_MS (15).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { github, standardWebhooks, stripe } from '@hookgate/signatures';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { type Contender, type Figure, measure, median, printFigures } from './lib/measure.js';
import { envList, envNumber, formatBytes, note, printVerdicts, verdict } from './lib/report.js';

const sizes = envList('BENCH_SIZES', [1024, 16384, 262144]);
const rounds = envNumber('BENCH_ROUNDS', 15);
const batchMs = envNumber('BENCH_BATCH_MS', 15);

/** A JSON body of exactly `size` bytes: ASCII, or é☃漢 (2-, 3- and 3-byte UTF-8). */
function payload(size: number, nonAscii: boolean): Buffer {
  const filler = nonAscii ? 'é☃漢' : 'abcdefgh';
  let text = '{"id":"evt_1","type":"invoice.paid","data":"';
  while (Buffer.byteLength(text) + Buffer.byteLength(filler) + 2 <= size) text += filler;
  while (Buffer.byteLength(text) + 2 < size) text += 'x';
  return Buffer.from(`${text}"}`);
}

/** The floor: one HMAC over the signed bytes and one constant-time compare, nothing else. */
function floor(
  prefix: string,
  key: string | Buffer,
  body: Buffer,
  expected: Buffer,
  encoding: 'hex' | 'base64',
) {
  return () => {
    const mac = createHmac('sha256', key).update(prefix).update(body).digest(encoding);
    return timingSafeEqual(Buffer.from(mac), expected);
  };
}

const stripeSdk = new Stripe('sk_test_x');

async function stripeGroup(body: Buffer): Promise<Contender[]> {
  const secret = 'whsec_bench_secret';
  const now = Math.floor(Date.now() / 1000);
  const scheme = stripe({ secret });
  const headers = await scheme.sign({ body, timestamp: now });
  const header = headers['Stripe-Signature']!;
  const expected = Buffer.from(header.slice(header.indexOf('v1=') + 3));
  return [
    { name: 'floor', run: floor(`${now}.`, secret, body, expected, 'hex') },
    { name: 'hookgate stripe', run: () => scheme.verify({ headers, body }) },
    {
      name: 'stripe webhooks.signature.verifyHeader (Buffer)',
      run: () => stripeSdk.webhooks.signature!.verifyHeader(body, header, secret),
    },
    {
      name: 'stripe webhooks.constructEvent (Buffer, + JSON.parse)',
      run: () => stripeSdk.webhooks.constructEvent(body, header, secret),
    },
  ];
}

async function githubGroup(body: Buffer): Promise<Contender[]> {
  const secret = 'gh-bench-secret';
  const scheme = github({ secret });
  const headers = await scheme.sign({ body });
  const signature = headers['X-Hub-Signature-256']!;
  const text = body.toString('utf8');
  return [
    { name: 'floor', run: floor('', secret, body, Buffer.from(signature.slice(7)), 'hex') },
    { name: 'hookgate github', run: () => scheme.verify({ headers, body }) },
    { name: 'octokit verify (string given)', run: () => octokitVerify(secret, text, signature) },
    {
      name: 'octokit verify (Buffer decoded for it)',
      run: () => octokitVerify(secret, body.toString('utf8'), signature),
    },
  ];
}

async function standardGroup(body: Buffer): Promise<Contender[]> {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const now = Math.floor(Date.now() / 1000);
  const scheme = standardWebhooks({ secret });
  const headers = await scheme.sign({ body, id: 'msg_2LJ6lNbHa4ntDCmsXiSMfzoGD8v', timestamp: now });
  const key = Buffer.from(secret.slice(6), 'base64');
  const expected = Buffer.from(headers['webhook-signature']!.slice(3));
  const standardSdk = new StandardWebhook(secret);
  const svixSdk = new SvixWebhook(secret);
  return [
    {
      name: 'floor',
      run: floor(`${headers['webhook-id']}.${now}.`, key, body, expected, 'base64'),
    },
    { name: 'hookgate standard-webhooks', run: () => scheme.verify({ headers, body }) },
    { name: 'standardwebhooks verify (Buffer, + JSON.parse)', run: () => standardSdk.verify(body, headers) },
    { name: 'svix verify (Buffer, + JSON.parse)', run: () => svixSdk.verify(body, headers) },
  ];
}

function report(title: string, figures: Figure[], size: number): void {
  printFigures(title, figures);
  const [, ours, ...sdks] = figures as [Figure, Figure, ...Figure[]];
  const target = size <= 1024 ? 1.5 : 1.1;
  verdict(`${title}: hookgate to floor`, ours.ratio, { max: target });
  for (const sdk of sdks) {
    // "Faster than the SDK" is judged round by round (both ran in every round), so one noisy
    // round cannot decide it.
    const quotient = median(sdk.ratios.map((ratio, round) => ratio / ours.ratios[round]!));
    verdict(
      `${title}: ${sdk.name} to hookgate`,
      quotient,
      { min: 1 },
      `SDK at ${sdk.ratio.toFixed(2)}x floor`,
    );
  }
}

for (const nonAscii of [false, true]) {
  for (const size of sizes) {
    const body = payload(size, nonAscii);
    for (const [label, group] of [
      ['stripe', stripeGroup],
      ['github', githubGroup],
      ['standard-webhooks', standardGroup],
    ] as const) {
      const figures = await measure(await group(body), { rounds, batchMs, floor: 'floor' });
      report(`${label} verify, ${formatBytes(size)} ${nonAscii ? 'non-ASCII' : 'ASCII'}`, figures, size);
    }
  }
}
note('verify', `medians of ${rounds} interleaved rounds; node ${process.version}`);
printVerdicts();
