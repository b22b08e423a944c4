import { readFile } from 'node:fs/promises';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  /** Writes to standard output (results). */
  stdout(text: string): void;
  /** Writes to standard error (progress, usage errors). */
  stderr(text: string): void;
  /** Reads a file's bytes. */
  readFile(path: string): Promise<Uint8Array>;
  /** Reads all of standard input (for `--body-file -`). */
  readStdin(): Promise<Uint8Array>;
  /** Sends a request (`send`). */
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** The current time in ms. */
  now(): number;
}

/** The process's streams, files, `fetch` and clock. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
  };
}

/** A mistake in the command line: exit code 2 and a message that says how to fix it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The exit codes, documented in `hookgate --help` and the README.
 *
 * @example
 * ```ts
 * if ((await runCli(argv)) === EXIT.failed) console.log('the signature is invalid');
 * ```
 */
export const EXIT = {
  /** Done: signed, valid, or the receiver answered 2xx. */
  ok: 0,
  /** The signature is invalid (`verify`), or the receiver answered non-2xx (`send`). */
  failed: 1,
  /** The command line is wrong (unknown option, missing --provider, unusable secret…). */
  usage: 2,
  /** `send` could not reach the URL. */
  unreachable: 3,
} as const;

/**
 * A URL as a message may print it: the password of its user information masked, and a
 * `password` query parameter (which ioredis reads too), the rest exactly as given
 * (`redis://:***@host:6379`, `https://user:***@example.com/sms`). The user information ends at
 * the last `@` before the path, as URL parsers read it, so a password holding `@` is masked whole.
 */
export function withoutPassword(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i, (_match, scheme: string, userInfo: string) => {
      const colon = userInfo.indexOf(':');
      return colon < 0 ? `${scheme}${userInfo}@` : `${scheme}${userInfo.slice(0, colon)}:***@`;
    })
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
