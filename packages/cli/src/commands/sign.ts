import { parseArgs } from 'node:util';
import { signDelivery } from '@hookgate/testing';
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
import { signerFor } from '../providers.js';

const options = { ...commonOptions, id: { type: 'string' }, timestamp: { type: 'string' } } as const;

/**
 * `hookgate sign`: prints the headers the provider would send with the body, one `Name: value`
 * line each (the signature's first, as before `Content-Type` and `--header`s were printed too,
 * so a script reading the first line still gets the signature), then, for Mailgun and Adyen,
 * which sign inside the body, a blank line and the body to send. A URL the signature covers
 * that differs from `--url` (Twilio adds `bodySHA256` for a body that is no form) is said on
 * stderr; `--json` prints `{ url?, headers, body? }`.
 */
export async function signCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage('sign', () => parseArgs({ args: [...argv], options, strict: true }));
  if (values.help) {
    io.stdout(help.sign!);
    return EXIT.ok;
  }
  const provider = providerOf('sign', values.provider);
  const secrets = secretsOf('sign', values.secret);
  const { headers: given, signatureHeader } = headersOf('sign', values.header);
  const body = await bodyOf('sign', values, io);
  if (body === undefined) throw new UsageError('give the body to sign with --body or --body-file', 'sign');
  const scheme = signerFor({ provider, secrets, hmac: hmacFlagsOf('sign', values, signatureHeader) });
  // The same signing as `send` and @hookgate/testing: the Content-Type follows the body, and
  // the URL is the one the sender requests (Twilio signs a JSON body through its hash there).
  const signed = await signDelivery(scheme, {
    body: deliveryBody(body),
    id: values.id,
    timestamp: secondsOf('sign', '--timestamp', values.timestamp),
    url: values.url,
    headers: flatHeaders(given),
  });
  // signDelivery names Content-Type and the --header names in lowercase: print them as typed.
  const typedNames = (values.header ?? [])
    .filter((header) => header.includes(':'))
    .map((header) => header.slice(0, header.indexOf(':')).trim());
  const givenNames = new Map(typedNames.map((name) => [name.toLowerCase(), name]));
  const signature: Record<string, string> = {};
  const added: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name === 'content-type') continue;
    const givenName = givenNames.get(name);
    if (givenName === undefined) signature[name] = value;
    else added[givenName] = value;
  }
  const output = {
    ...(signed.url === undefined ? {} : { url: signed.url }),
    headers: { ...signature, 'Content-Type': signed.headers['content-type']!, ...added },
    // Mailgun and Adyen sign inside the body: print the body to send as well.
    ...(scheme.signBody ? { body: String(signed.body) } : {}),
  };
  if (values.json) {
    io.stdout(`${JSON.stringify(output)}\n`);
    return EXIT.ok;
  }
  const lines = Object.entries(output.headers).map(([name, value]) => `${name}: ${value}\n`);
  if (output.url !== undefined && output.url !== values.url) {
    io.stderr(`hookgate sign: the signature covers POST ${output.url}: send it there\n`);
  }
  if (output.body !== undefined) lines.push(`\n${output.body}\n`);
  io.stdout(lines.join(''));
  return EXIT.ok;
}
