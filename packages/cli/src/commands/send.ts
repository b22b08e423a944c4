import { parseArgs } from 'node:util';
import {
  loadableSampleEvents,
  loadSample,
  type SignDeliveryOptions,
  sampleEvents,
  signDelivery,
  toSignedUrl,
} from '@hookgate/testing';
import {
  asUsage,
  bodyOf,
  commonOptions,
  flatHeaders,
  headersOf,
  hmacFlagsOf,
  providerOf,
  secondsOf,
  secretsOf,
} from '../args.js';
import { deliveryBody } from '../delivery-body.js';
import { help } from '../help.js';
import { type CliIo, EXIT, UsageError } from '../io.js';
import { type ProviderName, signerFor } from '../providers.js';

const options = {
  ...commonOptions,
  event: { type: 'string', short: 'e' },
  id: { type: 'string' },
  timestamp: { type: 'string' },
} as const;

/** How long `send` waits for the receiver's answer; senders give up sooner (Stripe and GitHub: 10 s). */
const SEND_TIMEOUT_MS = 30_000;

/** `hookgate send`: signs a delivery (a sample event or a body) and POSTs it; prints the answer. */
export async function sendCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = asUsage('send', () =>
    parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(help.send!);
    return EXIT.ok;
  }
  const provider = providerOf('send', values.provider);
  const secrets = secretsOf('send', values.secret);
  const [target, ...extra] = positionals;
  if (target === undefined)
    throw new UsageError('give the URL to send to, for example http://localhost:3000/webhooks', 'send');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}; give one URL`, 'send');
  if (!/^https?:\/\//.test(target) || !URL.canParse(target)) {
    throw new UsageError(`${target} is not an http:// or https:// URL`, 'send');
  }
  const { headers, signatureHeader } = headersOf('send', values.header);
  const scheme = signerFor({ provider, secrets, hmac: hmacFlagsOf('send', values, signatureHeader) });
  const timestamp = secondsOf('send', '--timestamp', values.timestamp);
  const body = await bodyOf('send', values, io);
  if (body !== undefined && values.event !== undefined) {
    throw new UsageError('give --event or a body (--body, --body-file), not both', 'send');
  }
  const delivery: SignDeliveryOptions & { event?: string } =
    body === undefined
      ? sampleOf(provider, values.event, values.id, timestamp)
      : { body: deliveryBody(body), id: values.id, timestamp };
  const signed = await signDelivery(scheme, {
    ...delivery,
    url: values.url ?? target,
    headers: { ...delivery.headers, ...flatHeaders(headers) },
  });
  // The request goes to the URL the sender would request: Twilio's carries the body's hash
  // (bodySHA256) it signed, also when --url named the public URL and this is a local one.
  const url = await toSignedUrl(scheme, target, signed);

  const size =
    typeof signed.body === 'string' ? new TextEncoder().encode(signed.body).length : signed.body.length;
  const what = [provider, delivery.event, delivery.id && `id ${delivery.id}`, `${size} bytes`]
    .filter(Boolean)
    .join(', ');
  if (!values.json) io.stderr(`POST ${url} (${what})\n`);
  let response: Response;
  try {
    response = await io.fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: typeof signed.body === 'string' ? signed.body : new Uint8Array(signed.body),
      // A redirect would carry the signed delivery to another host, whose answer is not the
      // receiver's: a 3xx is reported as it is. And a receiver that never answers is given up.
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    if (values.json) io.stdout(`${JSON.stringify({ error: 'unreachable', message: `${reason}` })}\n`);
    else io.stderr(`hookgate: could not reach ${url}: ${reason}\n`);
    return EXIT.unreachable;
  }
  const text = await response.text();
  if (values.json) {
    const request = {
      url,
      signedUrl: signed.url,
      headers: signed.headers,
      event: delivery.event,
      id: delivery.id,
    };
    io.stdout(`${JSON.stringify({ status: response.status, body: text, request })}\n`);
  } else {
    io.stdout(
      `HTTP ${response.status} ${response.statusText}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}`,
    );
  }
  return response.ok ? EXIT.ok : EXIT.failed;
}

function sampleOf(
  provider: ProviderName,
  event: string | undefined,
  id: string | undefined,
  timestamp: number | undefined,
) {
  const events = loadableSampleEvents(provider);
  // Without --event, the provider's first sample, which is a hand-made one where there are any.
  const sample = loadSample(provider, event ?? sampleEvents(provider)[0] ?? '', {
    ...(id === undefined ? {} : { id }),
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  if (!sample) {
    throw new UsageError(
      events.length === 0
        ? `there are no sample events for ${provider}; give the body with --body or --body-file`
        : `no sample event ${event} for ${provider}; use one of ${listed(events, event ?? '')}`,
      'send',
    );
  }
  return sample;
}

/**
 * The event names to suggest for `asked`: those of its family (`charge.nope` → `charge.*`) when
 * there are any, else all; shortened past 30 (Stripe has 265).
 */
function listed(events: string[], asked: string): string {
  const familyOf = (name: string) => name.split(/[./]/)[0];
  const related = events.filter((name) => familyOf(name) === familyOf(asked));
  const shown = related.length > 0 ? related : events;
  const names = shown.length > 30 ? `${shown.slice(0, 30).join(', ')}, …` : shown.join(', ');
  const among =
    related.length > 0 ? `the ${familyOf(asked)} ones of ${events.length}` : `${events.length} in all`;
  return `${names} (${among})`;
}
