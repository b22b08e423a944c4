import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stripe } from '@hookgate/signatures';
import { signDelivery } from '@hookgate/testing';
import { expect } from 'vitest';

export const RECIPE_SECRET = 'whsec_recipes';

/**
 * Sends a good delivery, its duplicate and a tampered one to `url` (with `fetch`, or `send`),
 * and checks the answers.
 */
export async function expectRecipe(
  url: string,
  send: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<void> {
  const id = `evt_recipe_${Math.random().toString(36).slice(2)}`;
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const { headers } = await signDelivery(stripe({ secret: RECIPE_SECRET }), { body });
  const post = (text: string) => send(url, { method: 'POST', headers, body: text });
  expect(await (await post(body)).json()).toEqual({ ok: true, received: id });
  expect(await (await post(body)).json()).toEqual({ ok: true, duplicate: true });
  const tampered = await post(body.replace('evt_', 'evt-'));
  expect(tampered.status).toBe(401);
}

/** Runs `command` (a server that prints its port on its first stdout line) until `test` ends. */
export async function withServer(
  command: string,
  args: string[],
  test: (origin: string) => Promise<void>,
): Promise<void> {
  const child = spawn(command, args, {
    env: { ...process.env, STRIPE_WEBHOOK_SECRET: RECIPE_SECRET, DENO_NO_UPDATE_CHECK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
      createInterface({ input: child.stdout }).once('line', resolve);
    });
    await test(`http://127.0.0.1:${port.trim()}`);
  } finally {
    child.kill();
    await exited;
  }
}
