import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliIo } from '@hookgate/cli';
import { createReceiver } from '@hookgate/core';
import { hmac, mandrill, type Scheme, slack, twilio } from '@hookgate/signatures';
import { samples } from '@hookgate/testing';
import { validateRequest, validateRequestWithBody } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../../packages/cli/src/test-support/run-captured.js';

// `hookgate send` and `sign` with the user's own body, against a real receiver on 127.0.0.1:
// the request goes to the URL the provider would request (Twilio adds bodySHA256 for a JSON
// body, and signs that URL), with the Content-Type of the body (a form for form posters), and
// the official twilio SDK accepts what arrives.
const T = 1_767_225_600;
const TOKEN = 'tw-cli-auth-token';
const PUBLIC = 'https://hooks.example.com';
const JSON_BODY = '{"MessageSid":"SM1","SmsStatus":"received","Body":"hi"}';
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const schemes: Record<string, Scheme> = {
  twilio: twilio({ secret: TOKEN }),
  slack: slack({ secret: 'slack-secret' }),
  mandrill: mandrill({ secret: 'mandrill-key' }),
  hmac: hmac({ secret: 'k', header: 'X-Sig' }),
};

interface Seen {
  /** The URL the receiver verified with. */
  url: string;
  contentType: string | undefined;
  status: number;
  /** twilio-node's verdict on the request, for twilio. */
  twilioSdk?: boolean;
}
let seen: Seen[] = [];
let handled: { scheme: string; payload: unknown }[] = [];
let server: Server;
let origin = '';

beforeAll(async () => {
  const receivers = Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [
      name,
      createReceiver({ scheme, clock: () => T * 1000, logger: false }).onEvery((payload) => {
        handled.push({ scheme: name, payload });
      }),
    ]),
  );
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // /direct/<name>: configured with this server's own URL; /public/<name>: with a public one.
    const [, mode, name] = req.url!.split(/[/?]/) as [string, string, string];
    const url = `${mode === 'public' ? PUBLIC : origin}${req.url}`;
    const result = await receivers[name]!.handle({ method: req.method!, url, headers: req.headers, body });
    const signature = String(req.headers['x-twilio-signature']);
    const text = body.toString('utf8');
    seen.push({
      url,
      contentType: req.headers['content-type'],
      status: result.status,
      ...(name === 'twilio'
        ? {
            twilioSdk: new URL(url).searchParams.has('bodySHA256')
              ? validateRequestWithBody(TOKEN, signature, url, text)
              : validateRequest(TOKEN, signature, url, Object.fromEntries(new URLSearchParams(text))),
          }
        : {}),
    });
    res.writeHead(result.status, result.headers).end(result.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  handled = [];
});

const run = (argv: string[], io: Partial<CliIo> = {}) => runCaptured(argv, { now: () => T * 1000, ...io });
const fileIo = (content: string): Partial<CliIo> => ({
  readFile: async () => new Uint8Array(Buffer.from(content)),
});

describe('hookgate send with your own body', () => {
  it('twilio, JSON body: sends to the URL with bodySHA256 it signed; the receiver and twilio-node accept it', async () => {
    const sent = await run([
      'send',
      '-p',
      'twilio',
      '-s',
      TOKEN,
      '--body',
      JSON_BODY,
      `${origin}/direct/twilio`,
    ]);
    expect(sent, sent.stderr).toMatchObject({ code: 0, stdout: 'HTTP 200 OK\n{"ok":true}\n' });
    const url = `${origin}/direct/twilio?bodySHA256=${sha256Hex(JSON_BODY)}`;
    expect(sent.stderr).toContain(`POST ${url} (twilio,`);
    expect(seen).toEqual([{ url, contentType: 'application/json', status: 200, twilioSdk: true }]);
    expect(handled).toEqual([{ scheme: 'twilio', payload: JSON.parse(JSON_BODY) }]);
  });

  it('twilio, JSON body and --url: the local request carries the hash of the public URL it signed', async () => {
    const sent = await run([
      'send',
      '-p',
      'twilio',
      '-s',
      TOKEN,
      '--body',
      JSON_BODY,
      '--url',
      `${PUBLIC}/public/twilio?To=%2B1555`,
      '--json',
      `${origin}/public/twilio?To=%2B1555`,
    ]);
    expect(sent.code, sent.stdout).toBe(0);
    const query = `?To=%2B1555&bodySHA256=${sha256Hex(JSON_BODY)}`;
    expect(JSON.parse(sent.stdout).request).toMatchObject({
      url: `${origin}/public/twilio${query}`,
      signedUrl: `${PUBLIC}/public/twilio${query}`,
    });
    expect(seen).toEqual([
      {
        url: `${PUBLIC}/public/twilio${query}`,
        contentType: 'application/json',
        status: 200,
        twilioSdk: true,
      },
    ]);
  });

  it('twilio, a form from a file: sent as a form, signed over its parameters', async () => {
    const form = samples.twilio.message({ id: 'tw-form', timestamp: T }).body as string;
    const sent = await run(
      ['send', '-p', 'twilio', '-s', TOKEN, '--body-file', 'sms.txt', `${origin}/direct/twilio`],
      fileIo(form),
    );
    expect(sent, sent.stderr).toMatchObject({ code: 0 });
    expect(seen).toEqual([
      {
        url: `${origin}/direct/twilio`,
        contentType: 'application/x-www-form-urlencoded',
        status: 200,
        twilioSdk: true,
      },
    ]);
    expect(handled[0]?.payload).toMatchObject({ SmsStatus: 'received', From: '+14155550142' });
  });

  it('slack slash commands and mandrill: form bodies go as forms, and their handlers get the fields', async () => {
    const command = samples.slack.slash_command({ id: 'trigger-1', timestamp: T }).body as string;
    const events = samples.mandrill.event({ id: 'mandrill-1', timestamp: T }).body as string;
    const slackRun = await run([
      'send',
      '-p',
      'slack',
      '-s',
      'slack-secret',
      '--body',
      command,
      '--timestamp',
      String(T),
      `${origin}/direct/slack`,
    ]);
    const mandrillRun = await run(
      [
        'send',
        '-p',
        'mandrill',
        '-s',
        'mandrill-key',
        '--body-file',
        'events.txt',
        '--url',
        `${PUBLIC}/public/mandrill`,
        `${origin}/public/mandrill`,
      ],
      fileIo(events),
    );
    expect(slackRun, slackRun.stdout).toMatchObject({ code: 0 });
    expect(mandrillRun, mandrillRun.stdout).toMatchObject({ code: 0 });
    expect(seen.map((s) => s.contentType)).toEqual([
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
    ]);
    expect(handled).toEqual([
      { scheme: 'slack', payload: expect.objectContaining({ command: '/weather', trigger_id: 'trigger-1' }) },
      { scheme: 'mandrill', payload: { mandrill_events: expect.stringContaining('"_id":"mandrill-1"') } },
    ]);
  });

  it('a custom sender: JSON, a form, text and binary files each get their own Content-Type', async () => {
    const hmacArgs = ['send', '-p', 'hmac', '-s', 'k', '--header', 'X-Sig', `${origin}/direct/hmac`];
    const bodies: [string[], Partial<CliIo>, string][] = [
      [['--body', '{"type":"thing.created"}'], {}, 'application/json'],
      [['--body', 'type=thing.created&id=1'], {}, 'application/x-www-form-urlencoded'],
      [['--body', 'hello'], {}, 'text/plain; charset=utf-8'],
      [
        ['--body-file', 'blob.bin'],
        { readFile: async () => Uint8Array.of(0xff, 0xfe, 0x00) },
        'application/octet-stream',
      ],
    ];
    for (const [body, io] of bodies) await run([...hmacArgs, ...body], io);
    expect(seen.map((s) => s.contentType)).toEqual(bodies.map(([, , type]) => type));
    // The form is verified and read as fields, as the JSON is.
    expect(seen.slice(0, 2).map((s) => s.status)).toEqual([200, 200]);
    expect(handled.map((h) => h.payload)).toContainEqual({ type: 'thing.created', id: '1' });
  });
});

describe('hookgate sign with your own body', () => {
  it('twilio, JSON body: says on stderr the URL with bodySHA256 it signed; twilio-node accepts the signature', async () => {
    const url = `${PUBLIC}/sms`;
    const signed = await run(['sign', '-p', 'twilio', '-s', TOKEN, '--body', JSON_BODY, '--url', url]);
    expect(signed.code, signed.stderr).toBe(0);
    const signedUrl = `${url}?bodySHA256=${sha256Hex(JSON_BODY)}`;
    const [signature, , contentType] = signed.stdout.trimEnd().split('\n');
    expect(signed.stderr).toBe(`hookgate sign: the signature covers POST ${signedUrl}: send it there\n`);
    expect(contentType).toBe('Content-Type: application/json');
    const value = signature!.replace(/^X-Twilio-Signature: /, '');
    expect(validateRequestWithBody(TOKEN, value, signedUrl, JSON_BODY)).toBe(true);
    const json = JSON.parse(
      (await run(['sign', '-p', 'twilio', '-s', TOKEN, '--body', JSON_BODY, '--url', url, '--json'])).stdout,
    );
    expect(json).toMatchObject({ url: signedUrl, headers: { 'Content-Type': 'application/json' } });
  });

  it('twilio, a form: the URL as given, the form Content-Type, the signature over the parameters', async () => {
    const url = `${PUBLIC}/sms?x=1`;
    const form = 'From=%2B14155550142&Body=Hello+there';
    const signed = await run(['sign', '-p', 'twilio', '-s', TOKEN, '--body', form, '--url', url, '--json']);
    const { url: printed, headers } = JSON.parse(signed.stdout);
    expect(printed).toBe(url);
    expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(form));
    expect(validateRequest(TOKEN, headers['X-Twilio-Signature'], url, params)).toBe(true);
  });
});
