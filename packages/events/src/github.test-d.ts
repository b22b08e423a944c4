import { createReceiver } from '@hookgate/core';
import { github } from '@hookgate/signatures';
import type { EmitterWebhookEvent, EmitterWebhookEventName } from '@octokit/webhooks';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { githubEvents, strictGithubEvents } from './github.js';

const receiver = createReceiver({
  scheme: github({ secret: 'It’s a Secret to Everybody' }),
  events: githubEvents,
});

describe('githubEvents', () => {
  it('types a known event from octokit’s types', () => {
    receiver.on('issues.opened', (event) => {
      expectTypeOf(event.issue.title).toEqualTypeOf<string>();
      expectTypeOf(event).toExtend<EmitterWebhookEvent<'issues.opened'>['payload']>();
    });
    receiver.on('push', (event) => {
      expectTypeOf(event.commits.length).toEqualTypeOf<number>();
      expectTypeOf(event.after).toEqualTypeOf<string>();
    });
  });

  it('narrows by name.action, and the bare name unites the actions', () => {
    receiver.on('issues.opened', (event) => expectTypeOf(event.action).toEqualTypeOf<'opened'>());
    receiver.on('issues', (event) => {
      expectTypeOf<'opened' | 'closed'>().toExtend<typeof event.action>();
    });
  });

  it('refuses an event GitHub does not send', () => {
    // @ts-expect-error no such GitHub event
    receiver.on('issues.teleported', () => {});
    // @ts-expect-error no such GitHub event
    receiver.on('pushed', () => {});
  });

  it('has exactly octokit’s event names', () => {
    expectTypeOf<keyof typeof githubEvents>().toEqualTypeOf<EmitterWebhookEventName>();
  });

  it('lets a spread entry replace a type', () => {
    const events = { ...githubEvents, push: z.object({ after: z.string() }) };
    createReceiver({ scheme: github({ secret: 'x' }), events }).on('push', (event) => {
      expectTypeOf(event).toEqualTypeOf<{ after: string }>();
    });
  });

  it('types strictGithubEvents like githubEvents', () => {
    expectTypeOf(strictGithubEvents).toEqualTypeOf(githubEvents);
  });
});
