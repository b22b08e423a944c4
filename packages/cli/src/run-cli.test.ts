import { generateKeyPairSync } from 'node:crypto';
import { stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCaptured } from './test-support/run-captured.js';

const T = 1_767_225_600;

/** Runs the CLI in-process with captured output, a fixed clock and no files. */
const run = (argv: string[], io: Partial<CliIo> = {}) =>
  runCaptured(argv, {
    readFile: async (path) => {
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    now: () => T * 1000,
    ...io,
  });

/** `Name: value` lines → `--header` arguments. */
const headerArgs = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .flatMap((line) => ['--header', line]);

describe('runCli', () => {
  it('prints help for the program and each command, and refuses unknown commands', async () => {
    expect(await run([])).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes:') });
    expect((await run(['--help'])).stdout).toContain('hookgate sign');
    for (const command of ['sign', 'verify', 'send']) {
      const { code, stdout } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`hookgate ${command}:`);
      expect((await run(['help', command])).stdout).toBe(stdout);
    }
    expect(await run(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command'),
    });
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('sign prints the headers (the signature first), one "Name: value" a line, or JSON', async () => {
    const args = [
      'sign',
      '--provider',
      'stripe',
      '--secret',
      'whsec_x',
      '--body',
      '{"a":1}',
      '--timestamp',
      String(T),
    ];
    const expected = await stripe({ secret: 'whsec_x' }).sign({ body: '{"a":1}', timestamp: T });
    expect(await run(args)).toEqual({
      code: 0,
      stdout: `Stripe-Signature: ${expected['Stripe-Signature']}\nContent-Type: application/json\n`,
      stderr: '',
    });
    const json = (await run([...args, '--json'])).stdout;
    expect(JSON.parse(json)).toEqual({ headers: { ...expected, 'Content-Type': 'application/json' } });
    expect(Object.keys(JSON.parse(json).headers)).toEqual(['Stripe-Signature', 'Content-Type']);
    const typed = await run([...args, '--header', 'X-Custom-Thing: 1']);
    expect(typed.stdout.split('\n')[2]).toBe('X-Custom-Thing: 1');
  });

  it('verify: valid (0), invalid with a code (1), and --explain says why', async () => {
    const body = JSON.stringify({ id: 'evt_1' }, null, 2);
    const signed = await run([
      'sign',
      '-p',
      'stripe',
      '-s',
      'whsec_x',
      '--body',
      body,
      '--timestamp',
      String(T),
    ]);
    const verify = ['verify', '-p', 'stripe', '-s', 'whsec_x', ...headerArgs(signed.stdout)];
    expect(await run([...verify, '--body', body])).toMatchObject({ code: 0, stdout: 'valid\n' });
    const compact = await run([...verify, '--body', '{"id":"evt_1"}', '--explain']);
    expect(compact.code).toBe(1);
    expect(compact.stdout).toBe(
      `invalid: INVALID_SIGNATURE: no v1 signature in Stripe-Signature matches the raw body; pass the body bytes exactly as received and the endpoint secret (whsec_…) of this endpoint
explain: the signature matches the body pretty-printed with 2 spaces: a JSON parser re-serialised the body; verify the raw bytes as received
`,
    );
    const json = JSON.parse(
      (await run([...verify, '--body', '{"id":"evt_1"}', '--explain', '--json'])).stdout,
    );
    expect(json).toMatchObject({
      valid: false,
      code: 'INVALID_SIGNATURE',
      diagnoses: [{ kind: 'body-pretty-2' }],
    });
    const stale = await run([...verify, '--body', body, '--now', String(T + 400), '--explain']);
    expect(stale.stdout).toMatch(
      /^invalid: TIMESTAMP_OUT_OF_RANGE: .*\nexplain: the signature is genuine, but it was made 400 s/,
    );
    const valid = JSON.parse((await run([...verify, '--body', body, '--json'])).stdout);
    expect(valid).toMatchObject({ valid: true, scheme: 'stripe', timestamp: T });
    // No output repeats the signature that matched (GitHub's is its content key).
    const githubSigned = await run(['sign', '-p', 'github', '-s', 'gh', '--body', '{"zen":"x"}']);
    const github = await run([
      'verify',
      '-p',
      'github',
      '-s',
      'gh',
      '--body',
      '{"zen":"x"}',
      '--json',
      ...headerArgs(githubSigned.stdout),
    ]);
    expect(JSON.parse(github.stdout)).toMatchObject({ valid: true, scheme: 'github' });
    expect(github.stdout).not.toContain('contentKey');
    expect(github.stdout).not.toContain(githubSigned.stdout.split('sha256=')[1]!.trim());
  });

  it('verify tries every --secret (rotation) and reads the body from standard input', async () => {
    const signed = await run(['sign', '-p', 'github', '-s', 'new', '--body', 'hello']);
    const result = await run(
      [
        'verify',
        '-p',
        'github',
        '-s',
        'old',
        '-s',
        'new',
        ...headerArgs(signed.stdout),
        '--body-file',
        '-',
        '--json',
      ],
      { readStdin: async () => new TextEncoder().encode('hello') },
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, secretIndex: 1 });
  });

  it('signs and verifies with the public-key providers (Discord seed, SendGrid PKCS#8)', async () => {
    const ed = generateKeyPairSync('ed25519');
    const seed = Buffer.from(ed.privateKey.export({ format: 'jwk' }).d!, 'base64url').toString('hex');
    const publicKey = Buffer.from(ed.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    const discord = await run([
      'sign',
      '-p',
      'discord',
      '-s',
      seed,
      '--body',
      '{"type":1}',
      '--timestamp',
      String(T),
    ]);
    expect(discord.stdout).toMatch(
      /^X-Signature-Ed25519: [0-9a-f]{128}\nX-Signature-Timestamp: \d+\nContent-Type: application\/json\n$/,
    );
    const verifyDiscord = [
      'verify',
      '-p',
      'discord',
      '-s',
      publicKey,
      ...headerArgs(discord.stdout),
      '--body',
    ];
    expect(await run([...verifyDiscord, '{"type":1}'])).toMatchObject({ code: 0 });
    expect(await run([...verifyDiscord, '{"type":2}'])).toMatchObject({ code: 1 });

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const spki = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const sendgrid = await run([
      'sign',
      '-p',
      'sendgrid',
      '-s',
      pkcs8,
      '--body',
      '[]',
      '--timestamp',
      String(T),
    ]);
    expect(
      await run(['verify', '-p', 'sendgrid', '-s', spki, ...headerArgs(sendgrid.stdout), '--body', '[]']),
    ).toMatchObject({ code: 0, stdout: 'valid\n' });
  });

  it('hmac: --header NAME (no colon) names the signature header; "Name: value" ones are received headers', async () => {
    const sign = ['sign', '-p', 'hmac', '-s', 'k', '--header', 'X-Sig', '--prefix', 'sha256=', '--body', 'x'];
    const signed = await run(sign);
    expect(signed.stdout).toMatch(/^X-Sig: sha256=[0-9a-f]{64}\nContent-Type: text\/plain; charset=utf-8\n$/);
    const verify = [
      'verify',
      '-p',
      'hmac',
      '-s',
      'k',
      '--header',
      'X-Sig',
      '--prefix',
      'sha256=',
      ...headerArgs(signed.stdout),
    ];
    expect(await run([...verify, '--body', 'x'])).toMatchObject({ code: 0 });
    const sha1 = await run([
      'sign',
      '-p',
      'hmac',
      '-s',
      'k',
      '--signature-header',
      'X-Sig',
      '--algorithm',
      'sha1',
      '--body',
      'x',
    ]);
    const explained = await run([
      'verify',
      '-p',
      'hmac',
      '-s',
      'k',
      '--header',
      'X-Sig',
      ...headerArgs(sha1.stdout),
      '--body',
      'x',
      '--explain',
    ]);
    expect(explained.stdout).toContain(
      'explain: the signature is HMAC-SHA1 written in hex, not sha256 in hex: pass --algorithm sha1 --encoding hex',
    );
  });

  it('usage errors exit 2 with a message that says what to do', async () => {
    const cases: [string[], RegExp][] = [
      [['verify'], /--provider is required \(one of stripe, github/],
      [['verify', '-p', 'paypal'], /unknown provider paypal; use one of/],
      [['verify', '-p', 'stripe', '--bogus'], /Unknown option '--bogus'/],
      [['verify', '-p', 'stripe', '-s', 'x'], /give the received headers with --header "Name: value"/],
      [
        ['verify', '-p', 'stripe', '-s', 'x', '-H', 'a: b'],
        /give the received body with --body or --body-file/,
      ],
      [['verify', '-p', 'stripe', '-H', 'a: b', '--body', ''], /--secret is required/],
      [
        ['verify', '-p', 'stripe', '-s', 'x', '-H', 'a b', '--body', ''],
        /--header "a b" is not "Name: value"/,
      ],
      [
        ['verify', '-p', 'stripe', '-s', 'x', '-H', 'a: b', '--body', '', '--now', 'yesterday'],
        /--now "yesterday" is not a whole number/,
      ],
      [
        ['sign', '-p', 'stripe', '-s', 'x', '--body', 'a', '--body-file', 'f'],
        /give --body or --body-file, not both/,
      ],
      [
        ['sign', '-p', 'stripe', '-s', 'x', '--body-file', 'missing.json'],
        /cannot read --body-file missing\.json: ENOENT/,
      ],
      [['sign', '-p', 'stripe', '-s', 'x'], /give the body to sign with --body or --body-file/],
      [['sign', '-p', 'hmac', '-s', 'x', '--body', 'a'], /--provider hmac needs --header <name>/],
      [
        ['sign', '-p', 'hmac', '-s', 'x', '--header', 'X', '--algorithm', 'md5', '--body', 'a'],
        /--algorithm md5 is not one of/,
      ],
      [
        ['sign', '-p', 'discord', '-s', 'not-a-seed', '--body', 'a'],
        /give the 32-byte Ed25519 seed as 64 hex characters/,
      ],
      [
        ['verify', '-p', 'standard-webhooks', '-s', 'not base64!', '-H', 'a: b', '--body', ''],
        /not valid base64/,
      ],
      [['send', '-p', 'stripe', '-s', 'x'], /give the URL to send to/],
      [['send', '-p', 'stripe', '-s', 'x', 'ftp://host'], /is not an http:\/\/ or https:\/\/ URL/],
      [
        ['send', '-p', 'stripe', '-s', 'x', '--event', 'charge.nope', 'http://h'],
        /no sample event charge\.nope for stripe; use one of charge\.captured, .*charge\.updated \(the charge ones of 265\)/,
      ],
      [['send', '-p', 'hmac', '-s', 'x', '-H', 'X', 'http://h'], /no sample events for hmac/],
      [
        ['sign', '-p', 'hmac', '-s', 'x', '--header', 'X', '--template', '{bdy}', '--body', 'a'],
        /unknown placeholder \{bdy\}/,
      ],
      [
        ['sign', '-p', 'stripe', '-s', 'sk_live_not_a_webhook_secret', '--body', 'a'],
        /looks like a Stripe API key/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result, argv.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr, argv.join(' ')).toMatch(message);
      expect(result.stderr).toContain(`Run hookgate ${argv[0]} --help for usage.`);
    }
  });

  it('send signs a sample event, posts it, and prints the answer', async () => {
    const requests: Request[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      requests.push(new Request(url, init));
      return new Response('{"ok":true}', { status: 200, statusText: 'OK' });
    };
    const result = await run(
      ['send', '-p', 'github', '-s', 'gh', '--event', 'issues.opened', 'http://127.0.0.1:9/hook'],
      { fetch },
    );
    expect(result).toMatchObject({ code: 0, stdout: 'HTTP 200 OK\n{"ok":true}\n' });
    expect(result.stderr).toMatch(
      /^POST http:\/\/127\.0\.0\.1:9\/hook \(github, issues\.opened, id [0-9a-f-]{36}, \d+ bytes\)\n$/,
    );
    const [request] = requests;
    expect(request!.headers.get('x-github-event')).toBe('issues');
    expect(request!.headers.get('x-hub-signature-256')).toMatch(/^sha256=/);
    expect(JSON.parse(await request!.text())).toMatchObject({ action: 'opened' });
  });

  it('send follows no redirect (the signed delivery would go to another host) and sets a time limit', async () => {
    const inits: RequestInit[] = [];
    const redirect = async (_url: string, init: RequestInit) => {
      inits.push(init);
      return new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } });
    };
    const result = await run(['send', '-p', 'stripe', '-s', 'whsec_x', '--body', '{}', 'http://h/x'], {
      fetch: redirect,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^HTTP 307/);
    expect(inits[0]).toMatchObject({ redirect: 'manual', signal: expect.any(AbortSignal) });
  });

  it('sign: a body the scheme cannot sign (Mailgun signs inside a JSON body) is a usage error, not a crash', async () => {
    const result = await run(['sign', '-p', 'mailgun', '-s', 'key-123', '--body', 'hello']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hookgate sign: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('send: non-2xx exits 1, an unreachable URL exits 3, --json reports both', async () => {
    const refuse = async () => new Response('{"ok":false,"code":"INVALID_SIGNATURE"}', { status: 401 });
    const refused = await run(
      ['send', '-p', 'stripe', '-s', 'whsec_x', '--body', '{}', '--json', 'http://h/x'],
      { fetch: refuse },
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 401, request: { url: 'http://h/x' } });
    const down = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    expect(await run(['send', '-p', 'stripe', '-s', 'whsec_x', 'http://h/x'], { fetch: down })).toMatchObject(
      {
        code: 3,
        stderr: expect.stringContaining('could not reach http://h/x: ECONNREFUSED'),
      },
    );
  });
});
