import { parseArgs } from 'node:util';
import {
  asUsage,
  bodyOf,
  commonOptions,
  headersOf,
  hmacFlagsOf,
  MAX_SECONDS,
  providerOf,
  secondsOf,
  secretsOf,
} from '../args.js';
import { explain } from '../explain.js';
import { help } from '../help.js';
import { integerFlag } from '../integer-flag.js';
import { type CliIo, EXIT, UsageError } from '../io.js';

const options = {
  ...commonOptions,
  now: { type: 'string' },
  tolerance: { type: 'string' },
  explain: { type: 'boolean' },
} as const;

const NOTHING_FOUND =
  'none of the known mistakes reproduces this signature (re-serialised body, newlines, secret encoding or whitespace, another provider, clock skew, proxy URL): check that the secret is this endpoint’s and that body and headers are exactly the bytes received';

/** `hookgate verify`: `valid` (exit 0) or `invalid: CODE: message` (exit 1), with `--explain` diagnoses. */
export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = asUsage('verify', () => parseArgs({ args: [...argv], options, strict: true }));
  if (values.help) {
    io.stdout(help.verify!);
    return EXIT.ok;
  }
  const provider = providerOf('verify', values.provider);
  const secrets = secretsOf('verify', values.secret);
  const { headers, signatureHeader } = headersOf('verify', values.header);
  if (Object.keys(headers).length === 0) {
    throw new UsageError(
      'give the received headers with --header "Name: value" (repeat it for each)',
      'verify',
    );
  }
  const body = await bodyOf('verify', values, io);
  if (body === undefined) throw new UsageError('give the received body with --body or --body-file', 'verify');
  const nowSeconds = secondsOf('verify', '--now', values.now);
  const tolerance = integerFlag('verify', '--tolerance', values.tolerance, {
    min: 0,
    max: MAX_SECONDS,
    unit: 'seconds',
  });
  const result = await explain({
    provider,
    secrets,
    headers,
    body,
    url: values.url,
    now: nowSeconds === undefined ? io.now() : nowSeconds * 1000,
    hmac: hmacFlagsOf('verify', values, signatureHeader),
    tolerance,
  });
  // A secret that cannot be used is a mistake in the command line, not in the delivery.
  if (!result.valid && result.code === 'INVALID_SECRET' && result.diagnoses.length === 0) {
    throw new UsageError(result.message ?? 'the secret is not usable', 'verify');
  }
  const diagnoses = values.explain ? result.diagnoses : [];
  if (values.json) {
    const json = result.valid
      ? { valid: true, ...withoutSignature(result.verified) }
      : {
          valid: false,
          code: result.code,
          message: result.message,
          ...(values.explain ? { diagnoses } : {}),
        };
    io.stdout(`${JSON.stringify(json)}\n`);
  } else if (result.valid) {
    io.stdout('valid\n');
  } else {
    let out = `invalid: ${result.code}: ${result.message}\n`;
    if (values.explain) {
      out +=
        diagnoses.length === 0
          ? `explain: ${NOTHING_FOUND}\n`
          : diagnoses.map((d) => `explain: ${d.message}\n`).join('');
    }
    io.stdout(out);
  }
  return result.valid ? EXIT.ok : EXIT.failed;
}

/** What verification found, without the matched signature (`contentKey`): no output repeats one. */
function withoutSignature<T extends { contentKey?: string }>(verified: T | undefined): Omit<T, 'contentKey'> {
  const { contentKey: _signature, ...rest } = verified ?? ({} as T);
  return rest;
}
