/**
 * Figure: `scheme.verify` on Node against the floor (createHmac over the same bytes +
 * timingSafeEqual) and against each official SDK, at 1 KiB, 16 KiB and 256 KiB, ASCII JSON
 * and non-ASCII JSON bodies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { github, standardWebhooks, stripe } from '@hookgate/signatures';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { type Contender, measure, printFigures } from './lib/measure.js';

const sizes = (process.env.BENCH_SIZES ?? '1024,16384,262144').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);

function payload(size: number, nonAscii: boolean): Buffer {
  const filler = nonAscii ? 'é☃漢' : 'abcdefgh';
  let text = '{"id":"evt_1","type":"invoice.paid","data":"';
  while (Buffer.byteLength(text) + Buffer.byteLength(filler) + 2 <= size) text += filler;
  while (Buffer.byteLength(text) + 2 < size) text += 'x';
  return Buffer.from(`${text}"}`);
}

const stripeSdk = new Stripe('sk_test_x');
const results: string[] = [];

for (const nonAscii of [false, true]) {
  for (const size of sizes) {
    const body = payload(size, nonAscii);
    const bodyString = body.toString('utf8');
    const now = Math.floor(Date.now() / 1000);
    const batch = Math.max(20, Math.floor(4_000_000 / (size + 2000)));

    // Stripe
    const stripeSecret = 'whsec_bench_secret';
    const ours = stripe({ secret: stripeSecret });
    const stripeHeaders = await ours.sign({ body, timestamp: now });
    const stripeHeader = stripeHeaders['Stripe-Signature']!;
    const stripeHex = Buffer.from(stripeHeader.slice(stripeHeader.indexOf('v1=') + 3));
    const floor = (prefix: string, key: string | Buffer, expected: Buffer, encoding: 'hex' | 'base64') => () => {
      const mac = createHmac('sha256', key).update(prefix).update(body).digest(encoding);
      return timingSafeEqual(Buffer.from(mac), expected);
    };
    const stripeContenders: Contender[] = [
      { name: 'floor', run: floor(`${now}.`, stripeSecret, stripeHex, 'hex') },
      { name: 'hookgate stripe', run: () => ours.verify({ headers: stripeHeaders, body }) },
      {
        name: 'stripe constructEvent (Buffer)',
        run: () => stripeSdk.webhooks.signature!.verifyHeader(body, stripeHeader, stripeSecret),
      },
    ];

    // GitHub
    const ghSecret = 'gh-bench-secret';
    const gh = github({ secret: ghSecret });
    const ghHeaders = await gh.sign({ body });
    const ghSig = ghHeaders['X-Hub-Signature-256']!;
    const ghContenders: Contender[] = [
      { name: 'floor', run: floor('', ghSecret, Buffer.from(ghSig.slice(7)), 'hex') },
      { name: 'hookgate github', run: () => gh.verify({ headers: ghHeaders, body }) },
      { name: 'octokit verify (string)', run: () => octokitVerify(ghSecret, bodyString, ghSig) },
      { name: 'octokit verify (Buffer decoded)', run: () => octokitVerify(ghSecret, body.toString('utf8'), ghSig) },
    ];

    // Standard Webhooks
    const swSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const sw = standardWebhooks({ secret: swSecret });
    const swHeaders = await sw.sign({ body, id: 'msg_1', timestamp: now });
    const swKey = Buffer.from(swSecret.slice(6), 'base64');
    const swSdk = new StandardWebhook(swSecret);
    const swSig = Buffer.from(swHeaders['webhook-signature']!.slice(3));
    const swContenders: Contender[] = [
      { name: 'floor', run: floor(`msg_1.${now}.`, swKey, swSig, 'base64') },
      { name: 'hookgate standard-webhooks', run: () => sw.verify({ headers: swHeaders, body }) },
      { name: 'standardwebhooks verify', run: () => swSdk.verify(bodyString, swHeaders) },
    ];

    for (const [label, contenders] of [
      ['stripe', stripeContenders],
      ['github', ghContenders],
      ['standard-webhooks', swContenders],
    ] as const) {
      const figures = await measure(contenders, { batch, rounds, floor: 'floor' });
      const title = `${label} verify, ${size} B ${nonAscii ? 'non-ASCII' : 'ASCII'} body`;
      printFigures(title, figures);
      const ourFigure = figures[1]!;
      const target = size <= 1024 ? 1.5 : 1.1;
      const verdict = ourFigure.ratio <= target ? 'meets' : 'MISSES';
      const sdks = figures.slice(2).map((f) => `${f.name} ${f.ratio.toFixed(2)}x`).join(', ');
      results.push(
        `ratio ${title}: hookgate ${ourFigure.ratio.toFixed(2)}x floor (target <= ${target}: ${verdict}); ${sdks}`,
      );
    }
  }
}
console.log(`\n${results.join('\n')}`);
