import { parseArgs } from 'node:util';
import {
  asUsage,
  bodyOf,
  commonOptions,
  headersOf,
  hmacFlagsOf,
  providerOf,
  secondsOf,
  secretsOf,
} from '../args.js';
import { help } from '../help.js';
import { type CliIo, EXIT, UsageError } from '../io.js';
import { signerFor } from '../providers.js';

const options = { ...commonOptions, id: { type: 'string' }, timestamp: { type: 'string' } } as const;

/** `hookgate sign`: prints the headers the provider would send with the body. */
export async function signCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage('sign', () => parseArgs({ args: [...argv], options, strict: true }));
  if (values.help) {
    io.stdout(help.sign!);
    return EXIT.ok;
  }
  const provider = providerOf('sign', values.provider);
  const secrets = secretsOf('sign', values.secret);
  const { signatureHeader } = headersOf('sign', values.header);
  const body = await bodyOf('sign', values, io);
  if (body === undefined) throw new UsageError('give the body to sign with --body or --body-file', 'sign');
  const scheme = signerFor({ provider, secrets, hmac: hmacFlagsOf('sign', values, signatureHeader) });
  const input = {
    body,
    id: values.id,
    timestamp: secondsOf('sign', '--timestamp', values.timestamp),
    url: values.url,
  };
  // Mailgun and Adyen sign inside the body: print the body to send as well.
  const signed = scheme.signBody ? await scheme.signBody(input) : { headers: await scheme.sign(input) };
  const { headers } = signed;
  const text = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
  io.stdout(
    values.json ? `${JSON.stringify(signed)}\n` : 'body' in signed ? `${text}\n${signed.body}\n` : text,
  );
  return EXIT.ok;
}
