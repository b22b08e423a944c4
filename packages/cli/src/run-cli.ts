import { isWebhookError } from '@hookgate/signatures';
import { jobsCommand } from './commands/jobs.js';
import { providersCommand } from './commands/providers.js';
import { sendCommand } from './commands/send.js';
import { signCommand } from './commands/sign.js';
import { verifyCommand } from './commands/verify.js';
import { help } from './help.js';
import { type CliIo, EXIT, nodeIo, UsageError } from './io.js';

const commands: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  sign: signCommand,
  verify: verifyCommand,
  send: sendCommand,
  jobs: jobsCommand,
  providers: providersCommand,
};

/**
 * Runs the `hookgate` command line and resolves with its exit code (0 done, 1 invalid or
 * non-2xx, 2 usage error, 3 unreachable). Never throws for a bad command line.
 *
 * @param argv - The arguments after the program name, for example `['verify', '--provider', 'stripe', …]`.
 * @param io - Where to read and write. @default the process's streams, files, fetch and clock
 * @example
 * ```ts
 * const code = await runCli(['sign', '--provider', 'github', '--secret', 's', '--body', '{}'], {
 *   stdout: (text) => output.push(text),
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const streams: CliIo = { ...nodeIo(), ...io };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    streams.stdout(help[topic !== undefined && Object.hasOwn(commands, topic) ? topic : 'main']!);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    streams.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(commands, name)) {
    streams.stderr(
      `hookgate: unknown command ${name}; use sign, verify, send, providers or jobs (hookgate --help)\n`,
    );
    return EXIT.usage;
  }
  try {
    return await commands[name]!(rest, streams);
  } catch (error) {
    if (error instanceof UsageError) {
      streams.stderr(`hookgate ${name}: ${error.message}\nRun hookgate ${name} --help for usage.\n`);
      return EXIT.usage;
    }
    // A secret, key or scheme option that cannot be used, or a body the scheme cannot sign
    // (Mailgun and Adyen sign inside a JSON body), is a mistake in the command line too.
    if (
      isWebhookError(error) &&
      (error.code === 'INVALID_SECRET' ||
        error.code === 'INVALID_CONFIGURATION' ||
        error.code === 'INVALID_PAYLOAD')
    ) {
      streams.stderr(`hookgate ${name}: ${error.message}\nRun hookgate ${name} --help for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** The package version, for `--version`. */
export const VERSION = '0.1.0';
