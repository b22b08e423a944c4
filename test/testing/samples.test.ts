import { samples } from '@hookgate/testing';
import { describe, expect, it } from 'vitest';
import { githubEvents, standardEvents, stripeEvents } from '../../examples/common/src/schemas.js';

// The samples are what the examples' handlers are typed against: each must pass the zod
// schema the examples declare for its event.
describe('samples match the example schemas', () => {
  const cases = [
    {
      name: 'stripe invoice.paid',
      schema: stripeEvents['invoice.paid'],
      sample: samples.stripe['invoice.paid'],
    },
    {
      name: 'stripe payment_intent.succeeded',
      schema: stripeEvents['payment_intent.succeeded'],
      sample: samples.stripe['payment_intent.succeeded'],
    },
    { name: 'github push', schema: githubEvents.push, sample: samples.github.push },
    { name: 'github issues.opened', schema: githubEvents.issues, sample: samples.github['issues.opened'] },
    {
      name: 'standard-webhooks user.created',
      schema: standardEvents['user.created'],
      sample: samples['standard-webhooks']['user.created'],
    },
    {
      name: 'svix user.created',
      schema: standardEvents['user.created'],
      sample: samples.svix['user.created'],
    },
  ];

  it.each(cases)('$name', ({ schema, sample }) => {
    for (const options of [{}, { id: 'fixed-id', timestamp: 1_767_225_600 }]) {
      const result = schema.safeParse(JSON.parse(sample(options).body));
      expect(result.error).toBeUndefined();
    }
  });

  it('the GitHub event header and the issue action agree with the schemas', () => {
    const issue = samples.github['issues.opened']();
    expect(issue.headers['X-GitHub-Event']).toBe('issues');
    expect(githubEvents.issues.parse(JSON.parse(issue.body)).action).toBe('opened');
    expect(samples.github.push().headers['X-GitHub-Event']).toBe('push');
  });
});
