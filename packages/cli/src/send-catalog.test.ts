import { createReceiver, type EventSchemas } from '@hookgate/core';
import { strictGithubEvents } from '@hookgate/events/github';
import { strictStripeEvents, stripeEvents } from '@hookgate/events/stripe';
import { github, type Scheme, stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './test-support/run-captured.js';

/** Runs `hookgate send` into a real receiver of `events` (its `fetch` in place of the network). */
async function sendTo(scheme: Scheme, events: EventSchemas, argv: string[]) {
  const receiver = createReceiver({ scheme, events });
  const seen: { type: string; payload: unknown }[] = [];
  receiver.onAny((payload, context) => {
    seen.push({ type: context.eventType, payload });
  });
  const { code, stdout, stderr } = await runCaptured(
    ['send', ...argv, '--timestamp', String(Math.floor(Date.now() / 1000)), 'http://127.0.0.1:9/hook'],
    {
      readFile: async () => new Uint8Array(),
      now: () => Date.now(),
      fetch: (url, init) => receiver.fetch(new Request(url, init)),
    },
  );
  return { code, stdout, stderr, seen };
}

/** `hookgate send --provider github --event <event>` into a strictGithubEvents receiver. */
const sendGithub = (event: string) =>
  sendTo(github({ secret: 'gh' }), strictGithubEvents, ['-p', 'github', '-s', 'gh', '--event', event]);

describe('hookgate send --event with the catalogues', () => {
  it('sends a signed Stripe checkout.session.completed that a stripeEvents receiver accepts', async () => {
    const secret = 'whsec_c2VuZF9jYXRhbG9ndWU=';
    const result = await sendTo(stripe({ secret }), stripeEvents, [
      '-p',
      'stripe',
      '-s',
      secret,
      '--event',
      'checkout.session.completed',
    ]);
    expect(result.stdout).toMatch(/^HTTP 200/);
    expect(result.code).toBe(0);
    expect(result.seen).toEqual([
      {
        type: 'checkout.session.completed',
        payload: expect.objectContaining({ type: 'checkout.session.completed' }),
      },
    ]);
  });

  it('sends the sample made from Stripe’s fixture of an invoice, valid against its stripe-node type', async () => {
    const secret = 'whsec_c2VuZF9maXh0dXJl';
    const result = await sendTo(stripe({ secret }), strictStripeEvents, [
      '-p',
      'stripe',
      '-s',
      secret,
      '--event',
      'invoice.created',
    ]);
    expect(result.stdout).toMatch(/^HTTP 200/);
    expect(result.seen).toEqual([
      {
        type: 'invoice.created',
        payload: expect.objectContaining({
          data: expect.objectContaining({ object: expect.objectContaining({ object: 'invoice' }) }),
        }),
      },
    ]);
  });

  it('sends GitHub’s own example of check_run.completed, valid against GitHub’s schema', async () => {
    const result = await sendGithub('check_run.completed');
    expect(result.stdout).toMatch(/^HTTP 200/);
    expect(result.seen.map(({ type }) => type)).toEqual(['check_run.completed']);
  });

  it('lists the catalogued events when the name is wrong', async () => {
    const result = await sendGithub('issues.teleported');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no sample event issues\.teleported for github; use one of issues\.assigned, .* \(the issues ones of \d{3}\)/,
    );
  });
});
