import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliIo } from '@hookgate/cli';
import { createReceiver } from '@hookgate/core';
import { type ProviderName, providerNames, providers } from '@hookgate/signatures';
import { createTestScheme, type TestCredentials, testCredentials } from '@hookgate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../packages/cli/src/test-support/run-captured.js';

// `hookgate providers`, and sign | verify --explain | send for every registered provider, in
// process (the packed CLI is covered by cli.test.ts): what sign prints verifies, a changed
// body is refused with exit 1, and send reaches a real receiver on 127.0.0.1 that verifies
// with the provider's scheme.
const T = 1_767_225_600;
const JSON_BODY = '{"id":"evt_cli_1","type":"thing.created","webhookTimestamp":1767225600000}';
const ADYEN_BODY = JSON.stringify({
  live: 'false',
  notificationItems: [
    {
      NotificationRequestItem: {
        eventCode: 'AUTHORISATION',
        success: 'true',
        pspReference: '7914073381342284',
        merchantAccountCode: 'TestMerchant',
        merchantReference: 'TestPayment-1407325143704',
        amount: { value: 1130, currency: 'EUR' },
      },
    },
  ],
});

const run = (argv: string[], io: Partial<CliIo> = {}) => runCaptured(argv, { now: () => T * 1000, ...io });

describe('hookgate providers', () => {
  it('lists every registered provider with its facts, as a table and as JSON', async () => {
    const human = await run(['providers']);
    expect(human.code).toBe(0);
    for (const name of providerNames) expect(human.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    expect(human.stdout).toMatch(/^line\s.*2 s/m);
    const json = await run(['providers', '--json']);
    const rows = JSON.parse(json.stdout) as {
      name: string;
      docs: string;
      responseDeadlineMs: number | null;
    }[];
    expect(rows.map((row) => row.name)).toEqual(providerNames);
    expect(rows.find((row) => row.name === 'slack')).toMatchObject({ responseDeadlineMs: 3000 });
    expect(rows.every((row) => row.docs.startsWith('https://'))).toBe(true);
    expect((await run(['providers', '--help'])).stdout).toContain('hookgate providers [--json]');
    expect((await run(['providers', '--bogus'])).code).toBe(2);
  });
});

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

// The secret the CLI signs with, and the one it verifies with.
function cliSecrets(credentials: TestCredentials): { sign: string; verify: string } {
  if (credentials.keys) return { sign: credentials.keys.privateKey, verify: credentials.keys.publicKey };
  return { sign: credentials.secret!, verify: credentials.secret! };
}

let server: Server;
let origin = '';
const receivers = new Map<string, ReturnType<typeof createReceiver>>();

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const name = req.url!.split(/[/?]/)[2]!;
    const result = await receivers.get(name)!.handle({
      method: req.method!,
      url: `${origin}${req.url}`,
      headers: req.headers,
      body: new Uint8Array(Buffer.concat(chunks)),
    });
    res.writeHead(result.status, result.headers).end(result.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(providerNames)('hookgate with --provider %s', (name: ProviderName) => {
  it('signs, verifies, explains a changed body and sends to a receiver that verifies', async () => {
    const credentials = await testCredentials(name);
    const { sign, verify } = cliSecrets(credentials);
    const url = `${origin}/hooks/${name}`;
    // Adyen signs fields of its notification items: its body must be one.
    const BODY = name === 'adyen' ? ADYEN_BODY : JSON_BODY;
    const signed = await run([
      'sign',
      '-p',
      name,
      '-s',
      sign,
      '--body',
      BODY,
      '--timestamp',
      String(T),
      '--url',
      url,
      '--json',
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    const parsed = JSON.parse(signed.stdout) as {
      url: string;
      headers: Record<string, string>;
      body?: string;
    };
    const { headers } = parsed;
    // The URL the sender requests: Twilio adds the hash of a JSON body to it (bodySHA256).
    expect(parsed.url).toBe(name === 'twilio' ? `${url}?bodySHA256=${sha256Hex(BODY)}` : url);
    // Mailgun and Adyen sign inside the body: sign prints the body to send.
    const sentBody = parsed.body ?? BODY;
    const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]);
    const verified = await run([
      'verify',
      '-p',
      name,
      '-s',
      verify,
      ...headerArgs,
      '--body',
      sentBody,
      '--url',
      parsed.url,
    ]);
    expect(verified, verified.stderr).toMatchObject({ code: 0, stdout: 'valid\n' });
    // Tokens cover no body, and Mailgun and Adyen sign fields of it: for those, another secret.
    const coversBody = providers[name].secret.kind !== 'token' && name !== 'mailgun' && name !== 'adyen';
    const other = (await testCredentials(name)).keys?.publicKey ?? `${verify}x`;
    const changed = await run([
      'verify',
      '-p',
      name,
      '-s',
      coversBody
        ? verify
        : name === 'adyen'
          ? `${verify.startsWith('a') ? 'b' : 'a'}${verify.slice(1)}`
          : other,
      ...headerArgs,
      '--body',
      coversBody ? `${sentBody} ` : sentBody,
      '--url',
      parsed.url,
      '--explain',
    ]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^invalid: INVALID_SIGNATURE/);

    receivers.set(
      name,
      createReceiver({ scheme: createTestScheme(name, credentials), clock: () => T * 1000 }),
    );
    const sent = await run(['send', '-p', name, '-s', sign, '--body', BODY, '--timestamp', String(T), url]);
    expect(sent.code, `${sent.stdout}${sent.stderr}`).toBe(0);
    expect(providers[name].displayName.length).toBeGreaterThan(0);
  });
});
