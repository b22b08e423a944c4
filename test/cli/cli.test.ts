import { execFile, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReceiver } from '@hookgate/core';
import { github, hmac, slack, square, standardWebhooks, stripe, svix, twilio } from '@hookgate/signatures';
import { samples } from '@hookgate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI as a user meets it: the packages are built, packed with `npm pack`, installed from
// the tarballs into a fresh project, and `npx hookgate …` runs there. The same project checks
// that the published @hookgate/testing loads under CommonJS (require) and ESM (import).
const root = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = ['signatures', 'core', 'testing', 'cli'];
const T = 1_767_225_600; // 2026-01-01T00:00:00Z
const STRIPE_SECRET = 'whsec_cli_3f9a2b7c1d8e4f6a';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

let tmp = '';
let app = '';
let fileCounter = 0;
const timings: Record<string, number> = {};

function timed<T>(name: string, run: () => T): T {
  const started = Date.now();
  try {
    return run();
  } finally {
    timings[name] = Date.now() - started;
  }
}

beforeAll(() => {
  // Build exactly what is packed (in dependency order), so the tarballs hold this tree's code.
  timed('build', () =>
    execFileSync(process.execPath, ['scripts/build.mjs', ...PACKAGES], { cwd: root, stdio: 'pipe' }),
  );
  tmp = mkdtempSync(join(tmpdir(), 'hookgate-cli-'));
  timed('pack', () => {
    for (const name of PACKAGES) {
      execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], {
        cwd: `${root}packages/${name}`,
        stdio: 'pipe',
      });
    }
  });
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'hookgate-cli-smoke', private: true, type: 'module' }),
  );
  const tarballs = readdirSync(tmp)
    .filter((name) => name.endsWith('.tgz'))
    .map((name) => join(tmp, name));
  expect(tarballs).toHaveLength(PACKAGES.length);
  timed('install', () =>
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
      cwd: app,
      stdio: 'pipe',
    }),
  );
}, 180_000);

afterAll(() => {
  console.log(`cli.test.ts setup: ${JSON.stringify(timings)} ms`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx hookgate …` in the installed project. */
function hookgate(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['--no', '--', 'hookgate', ...args],
      { cwd: app },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Writes a body file in the project and returns its name (bodies travel as files, byte for byte). */
function bodyFile(body: string | Uint8Array): string {
  const name = `body-${++fileCounter}.txt`;
  writeFileSync(join(app, name), body);
  return name;
}

const headerArgs = (headers: Record<string, string>) =>
  Object.entries(headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);

describe('hookgate CLI, installed from the packed tarballs', () => {
  it('--help on the program and on every command', async () => {
    const [main, sign, verify, send] = await Promise.all([
      hookgate(['--help']),
      hookgate(['sign', '--help']),
      hookgate(['verify', '--help']),
      hookgate(['send', '--help']),
    ]);
    expect(main).toMatchObject({ code: 0, stderr: '' });
    expect(main.stdout).toContain('Exit codes:');
    expect(sign.stdout).toContain('hookgate sign: print the headers');
    expect(verify.stdout).toContain('--explain');
    expect(send.stdout).toContain('--event E');
  });

  it('sign prints the headers (Content-Type first), one "Name: value" a line, and --json', async () => {
    const body = samples.stripe['invoice.paid']({ id: 'evt_cli', timestamp: T }).body;
    const file = bodyFile(body);
    const expected = await stripe({ secret: STRIPE_SECRET }).sign({ body, timestamp: T });
    const args = [
      'sign',
      '--provider',
      'stripe',
      '--secret',
      STRIPE_SECRET,
      '--body-file',
      file,
      '--timestamp',
      String(T),
    ];
    const [text, json] = await Promise.all([hookgate(args), hookgate([...args, '--json'])]);
    expect(text).toEqual({
      code: 0,
      stdout: `Stripe-Signature: ${expected['Stripe-Signature']}\nContent-Type: application/json\n`,
      stderr: '',
    });
    expect(JSON.parse(json.stdout)).toEqual({ headers: { 'Content-Type': 'application/json', ...expected } });
  });

  it('verify: valid exits 0, invalid exits 1 with the code, --json for scripts', async () => {
    const body = '{"id":"evt_1","type":"invoice.paid"}';
    const headers = await stripe({ secret: STRIPE_SECRET }).sign({ body, timestamp: T });
    const args = ['verify', '-p', 'stripe', '-s', STRIPE_SECRET, ...headerArgs(headers), '--now', String(T)];
    const [valid, invalid, json] = await Promise.all([
      hookgate([...args, '--body', body]),
      hookgate([...args, '--body', body.replace('evt_1', 'evt_2')]),
      hookgate([...args, '--body', body, '--json']),
    ]);
    expect(valid).toEqual({ code: 0, stdout: 'valid\n', stderr: '' });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(
      /^invalid: INVALID_SIGNATURE: no v1 signature in Stripe-Signature matches the raw body/,
    );
    expect(JSON.parse(json.stdout)).toEqual({
      valid: true,
      scheme: 'stripe',
      timestamp: T,
      secretIndex: 0,
      version: 'v1',
    });
  });

  it('usage errors exit 2 with a helpful message on stderr', async () => {
    const [noProvider, badOption, noBody] = await Promise.all([
      hookgate(['verify', '--secret', 's']),
      hookgate(['sign', '--provider', 'github', '--nope']),
      hookgate(['verify', '-p', 'github', '-s', 's', '-H', 'X-Hub-Signature-256: sha256=00']),
    ]);
    for (const run of [noProvider, badOption, noBody]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    }
    expect(noProvider.stderr).toContain('hookgate verify: --provider is required (one of stripe, github');
    expect(badOption.stderr).toContain("Unknown option '--nope'");
    expect(noBody.stderr).toContain('give the received body with --body or --body-file');
    expect(noBody.stderr).toContain('Run hookgate verify --help for usage.');
  });

  describe('verify --explain names each mistake on a deliberately broken delivery', () => {
    interface Case {
      name: string;
      /** Arguments after `verify --explain`. */
      args(): Promise<string[]>;
      explain: RegExp;
    }
    const stripeSample = () => samples.stripe['invoice.paid']({ id: 'evt_explain', timestamp: T }).body;
    const stripeHeaders = async (body: string, timestamp = T) =>
      headerArgs(await stripe({ secret: STRIPE_SECRET }).sign({ body, timestamp }));
    const stripeArgs = (received: string | Uint8Array, headers: string[], secret = STRIPE_SECRET) => [
      '-p',
      'stripe',
      '-s',
      secret,
      ...headers,
      '--body-file',
      bodyFile(received),
      '--now',
      String(T),
    ];
    const githubArgs = async (sent: string | Uint8Array, received: string | Uint8Array) => [
      '-p',
      'github',
      '-s',
      'gh-secret',
      ...headerArgs(await github({ secret: 'gh-secret' }).sign({ body: sent })),
      '--body-file',
      bodyFile(received),
    ];
    const cases: Case[] = [
      {
        name: 'timestamp skew, in seconds',
        args: async () => stripeArgs('{"a":1}', await stripeHeaders('{"a":1}', T - 754)),
        explain:
          /^explain: the signature is genuine, but it was made 754 s \(13 min\) before this clock, outside the 300 s window/m,
      },
      {
        name: 'body pretty-printed with 2 spaces (Stripe) and re-serialised',
        args: async () =>
          stripeArgs(JSON.stringify(JSON.parse(stripeSample())), await stripeHeaders(stripeSample())),
        explain:
          /^explain: the signature matches the body pretty-printed with 2 spaces: a JSON parser re-serialised the body; verify the raw bytes/m,
      },
      {
        name: 'body pretty-printed with 4 spaces',
        args: () => githubArgs(JSON.stringify({ a: [1, 2] }, null, 4), '{"a":[1,2]}'),
        explain: /^explain: the signature matches the body pretty-printed with 4 spaces/m,
      },
      {
        name: 'body compact, pretty-printed before verifying',
        args: () =>
          githubArgs('{"a":[1,2],"b":{"c":true}}', JSON.stringify({ a: [1, 2], b: { c: true } }, null, 2)),
        explain: /^explain: the signature matches the body re-serialised without whitespace/m,
      },
      {
        name: "body with Python's separators",
        args: () =>
          githubArgs('{"test": 2432232314, "ok": [true, false]}', '{"test":2432232314,"ok":[true,false]}'),
        explain: /^explain: the signature matches the body serialised with a space after each : and ,/m,
      },
      {
        name: 'body with \\u escapes unescaped',
        args: () => githubArgs('{"name":"Ren\\u00e9e"}', '{"name":"Renée"}'),
        explain: /^explain: the signature matches the body with its non-ASCII characters escaped as \\uXXXX/m,
      },
      {
        name: 'trailing newline added',
        args: () => githubArgs('{"a":1}', '{"a":1}\n'),
        explain: /^explain: the signature matches the body without its trailing newline/m,
      },
      {
        name: 'trailing newline removed',
        args: () => githubArgs('payload\n', 'payload'),
        explain: /^explain: the signature matches the body with a trailing newline/m,
      },
      {
        name: 'CRLF converted to LF',
        args: () => githubArgs('line one\r\nline two\r\n', 'line one\nline two\n'),
        explain: /^explain: the signature matches the body with CRLF line endings/m,
      },
      {
        name: 'LF converted to CRLF',
        args: () => githubArgs('line one\nline two', 'line one\r\nline two'),
        explain: /^explain: the signature matches the body with LF line endings/m,
      },
      {
        name: 'secret with surrounding whitespace',
        args: async () => stripeArgs('{"a":1}', await stripeHeaders('{"a":1}'), `  ${STRIPE_SECRET}\n`),
        explain: /^explain: the signature matches the secret without its surrounding whitespace/m,
      },
      {
        name: 'whsec_ secret base64-decoded where Stripe uses it as text',
        args: async () => {
          const mac = createHmac('sha256', Buffer.from(WHSEC.slice(6), 'base64'))
            .update(`${T}.{"a":1}`)
            .digest('hex');
          return stripeArgs('{"a":1}', headerArgs({ 'Stripe-Signature': `t=${T},v1=${mac}` }), WHSEC);
        },
        explain:
          /^explain: the signature matches the secret base64-decoded after whsec_ \(the Standard Webhooks \/ Svix way\)/m,
      },
      {
        name: 'secret used without its whsec_ prefix',
        args: async () => {
          const headers = await stripe({ secret: STRIPE_SECRET.slice(6) }).sign({
            body: '{"a":1}',
            timestamp: T,
          });
          return stripeArgs('{"a":1}', headerArgs(headers));
        },
        explain: /^explain: the signature matches the secret without its whsec_ prefix/m,
      },
      {
        name: 'whsec_ secret used as text where Standard Webhooks decodes it',
        args: async () => {
          const mac = createHmac('sha256', WHSEC).update(`msg_1.${T}.{"a":1}`).digest('base64');
          const headers = {
            'webhook-id': 'msg_1',
            'webhook-timestamp': String(T),
            'webhook-signature': `v1,${mac}`,
          };
          return [
            '-p',
            'standard-webhooks',
            '-s',
            WHSEC,
            ...headerArgs(headers),
            '--body',
            '{"a":1}',
            '--now',
            String(T),
          ];
        },
        explain: /^explain: the signature matches the whsec_ secret used as text/m,
      },
      {
        name: "another provider's scheme with the same secret",
        args: async () => {
          const headers = await svix({ secret: WHSEC }).sign({ body: '{"a":1}', id: 'msg_1', timestamp: T });
          return [
            '-p',
            'standard-webhooks',
            '-s',
            WHSEC,
            ...headerArgs(headers),
            '--body',
            '{"a":1}',
            '--now',
            String(T),
          ];
        },
        explain:
          /^explain: the delivery is signed the way svix signs, with this secret: verify it as svix \(--provider svix\)/m,
      },
      {
        name: "a custom sender's other hash and encoding",
        args: async () => {
          const headers = await hmac({
            secret: 'k',
            header: 'X-Sig',
            algorithm: 'sha512',
            encoding: 'base64',
          }).sign({ body: 'x' });
          return ['-p', 'hmac', '-s', 'k', '--header', 'X-Sig', ...headerArgs(headers), '--body', 'x'];
        },
        explain: /^explain: the signature is HMAC-SHA512 written in base64, not sha256 in hex/m,
      },
      {
        name: 'URL changed by a TLS-terminating proxy (Twilio)',
        args: async () => {
          const sample = samples.twilio.message({ id: 'tw-1', timestamp: T });
          const headers = await twilio({ secret: 'tw-token' }).sign({
            body: sample.body,
            url: 'https://example.com/sms',
            id: 'tw-1',
          });
          return [
            '-p',
            'twilio',
            '-s',
            'tw-token',
            ...headerArgs({ ...headers, 'Content-Type': sample.contentType }),
            '--body-file',
            bodyFile(sample.body),
            '--url',
            'http://example.com/sms',
          ];
        },
        explain:
          /^explain: the signature matches the URL https:\/\/example\.com\/sms \(https instead of http\)/m,
      },
      {
        name: 'URL with a trailing slash and the default port (Square)',
        args: async () => {
          const body = samples.square['payment.created']({ id: 'sq-1', timestamp: T }).body;
          const headers = await square({ secret: 'sq-key' }).sign({
            body,
            url: 'https://example.com:443/hooks/',
          });
          return [
            '-p',
            'square',
            '-s',
            'sq-key',
            ...headerArgs(headers),
            '--body-file',
            bodyFile(body),
            '--url',
            'https://example.com/hooks',
          ];
        },
        explain:
          /^explain: the signature matches the URL https:\/\/example\.com:443\/hooks\/ \(with port 443, with a trailing slash\)/m,
      },
    ];

    it.concurrent.each(cases)('$name', async ({ args, explain }) => {
      const run = await hookgate(['verify', '--explain', ...(await args())]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toMatch(/^invalid: [A-Z_]+: /);
      expect(run.stdout).toMatch(explain);
    });

    it('--explain with --json lists the diagnoses; a plain wrong secret gets none', async () => {
      const body = '{"a":1}';
      const headers = await slack({ secret: 'right' }).sign({ body, timestamp: T });
      const args = [
        'verify',
        '--explain',
        '-p',
        'slack',
        ...headerArgs(headers),
        '--body',
        body,
        '--now',
        String(T),
      ];
      const [json, none] = await Promise.all([
        hookgate([...args, '-s', ' right ', '--json']),
        hookgate([...args, '-s', 'wrong']),
      ]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        valid: false,
        code: 'INVALID_SIGNATURE',
        diagnoses: [{ kind: 'secret-whitespace' }],
      });
      expect(none.stdout).toMatch(/^explain: none of the known mistakes reproduces this signature/m);
    });
  });

  describe('send, against a local server that verifies with @hookgate/core', () => {
    let server: Server;
    let origin = '';
    const handled: string[] = [];
    const anything = {
      '~standard': { version: 1 as const, vendor: 't', validate: (value: unknown) => ({ value }) },
    };

    beforeAll(async () => {
      const receivers = {
        stripe: createReceiver({
          scheme: stripe({ secret: STRIPE_SECRET }),
          events: { 'invoice.paid': anything },
        }),
        twilio: createReceiver({ scheme: twilio({ secret: 'tw-token' }), events: { message: anything } }),
        standard: createReceiver({
          scheme: standardWebhooks({ secret: WHSEC }),
          events: { 'user.created': anything },
        }),
      };
      for (const [name, receiver] of Object.entries(receivers)) {
        receiver.onAny((_payload, ctx) => {
          handled.push(`${name} ${ctx.eventType} ${ctx.deliveryId}`);
        });
      }
      server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const name = req.url!.split('/').pop() as keyof typeof receivers;
        const result = await receivers[name].handle({
          method: req.method!,
          url: `${origin}${req.url}`,
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        res.writeHead(result.status, result.headers).end(result.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => {
      server?.close();
    });

    it('signs a sample event, posts it, and prints the status and body', async () => {
      const [stripeRun, twilioRun, standardRun] = await Promise.all([
        hookgate([
          'send',
          '-p',
          'stripe',
          '-s',
          STRIPE_SECRET,
          '--event',
          'invoice.paid',
          '--id',
          'evt_send_1',
          `${origin}/hooks/stripe`,
        ]),
        hookgate(['send', '-p', 'twilio', '-s', 'tw-token', '--id', 'tw-send-1', `${origin}/hooks/twilio`]),
        hookgate([
          'send',
          '-p',
          'standard-webhooks',
          '-s',
          WHSEC,
          '--id',
          'msg_send_1',
          `${origin}/hooks/standard`,
        ]),
      ]);
      for (const run of [stripeRun, twilioRun, standardRun]) {
        expect(run, run.stderr).toMatchObject({ code: 0, stdout: 'HTTP 200 OK\n{"ok":true}\n' });
      }
      expect(stripeRun.stderr).toMatch(
        /^POST http:\/\/127\.0\.0\.1:\d+\/hooks\/stripe \(stripe, invoice\.paid, id evt_send_1, \d+ bytes\)\n$/,
      );
      expect(handled).toEqual(
        expect.arrayContaining([
          'stripe invoice.paid evt_send_1',
          'twilio message tw-send-1',
          'standard user.created msg_send_1',
        ]),
      );
    });

    it('a body file, --json, a refusal (exit 1) and an unreachable URL (exit 3)', async () => {
      const file = bodyFile('{"id":"evt_file","type":"invoice.paid"}');
      const [json, refused, unreachable] = await Promise.all([
        hookgate([
          'send',
          '-p',
          'stripe',
          '-s',
          STRIPE_SECRET,
          '--body-file',
          file,
          '--json',
          `${origin}/hooks/stripe`,
        ]),
        hookgate([
          'send',
          '-p',
          'stripe',
          '-s',
          'whsec_wrong',
          '--event',
          'invoice.paid',
          `${origin}/hooks/stripe`,
        ]),
        hookgate(['send', '-p', 'stripe', '-s', STRIPE_SECRET, 'http://127.0.0.1:9/unreachable']),
      ]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        status: 200,
        body: '{"ok":true}',
        request: { url: `${origin}/hooks/stripe` },
      });
      expect(handled).toContain('stripe invoice.paid evt_file');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/^HTTP 401 Unauthorized\n\{"ok":false,"code":"INVALID_SIGNATURE"/);
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toContain('could not reach http://127.0.0.1:9/unreachable');
    });
  });
});

describe('@hookgate/testing as installed', () => {
  const run = (file: string, source: string) => {
    writeFileSync(join(app, file), source);
    return JSON.parse(execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8' })) as Record<
      string,
      unknown
    >;
  };
  const program = (load: string) => `${load}
const scheme = stripe({ secret: 'whsec_installed' });
const request = await createSignedRequest(scheme, { url: 'https://example.test/hooks', ...samples.stripe['invoice.paid']() });
const verified = await scheme.verify({ headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });
const { headers } = await signDelivery(scheme, { body: { id: 'evt_1' } });
// Catalogue samples read their payloads from the package's catalog/ files on first call.
const fixture = JSON.parse(samples.stripe['invoice.created']().body).data.object.object;
const example = JSON.parse(samples.github['check_run.completed']().body).action;
console.log(JSON.stringify({ resolved, scheme: verified.scheme, contentType: request.headers.get('content-type'), signed: 'Stripe-Signature' in headers, runCli: typeof runCli, fixture, example }));`;

  it('require() loads the CommonJS build', () => {
    const source = `(async () => {
${program(`const { createSignedRequest, samples, signDelivery } = require('@hookgate/testing');
const { stripe } = require('@hookgate/signatures');
const { runCli } = require('@hookgate/cli');
const resolved = require.resolve('@hookgate/testing');`)}
})().catch((error) => { console.error(error); process.exit(1); });`;
    expect(run('check.cjs', source)).toEqual({
      resolved: join(app, 'node_modules/@hookgate/testing/dist/index.cjs'),
      scheme: 'stripe',
      contentType: 'application/json; charset=utf-8',
      signed: true,
      runCli: 'function',
      fixture: 'invoice',
      example: 'completed',
    });
  });

  it('import loads the ESM build', () => {
    const source = program(`import { createSignedRequest, samples, signDelivery } from '@hookgate/testing';
import { stripe } from '@hookgate/signatures';
import { runCli } from '@hookgate/cli';
import { fileURLToPath } from 'node:url';
const resolved = fileURLToPath(import.meta.resolve('@hookgate/testing'));`);
    expect(run('check.mjs', source)).toMatchObject({
      resolved: join(app, 'node_modules/@hookgate/testing/dist/index.js'),
      scheme: 'stripe',
      signed: true,
      runCli: 'function',
      fixture: 'invoice',
      example: 'completed',
    });
  });
});
