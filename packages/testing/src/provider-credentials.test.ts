import { type ProviderName, providerNames, providers } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { createTestScheme, testCredentials } from './provider-credentials.js';

const T = 1_767_225_600;
const URL = 'https://hooks.example.test/in/provider';
// A body every provider can carry: Mailgun and Adyen sign inside it (signBody).
const bodyFor = (provider: ProviderName) =>
  provider === 'adyen'
    ? JSON.stringify({
        live: 'false',
        notificationItems: [
          {
            NotificationRequestItem: {
              pspReference: 'p1',
              eventCode: 'AUTHORISATION',
              success: 'true',
              amount: { value: 1, currency: 'EUR' },
            },
          },
        ],
      })
    : provider === 'twilio'
      ? 'MessageSid=SM1&Body=hi'
      : `{"id":"evt_1","type":"thing.created","webhookTimestamp":${T * 1000}}`;

describe('every registered provider signs and verifies with its test credentials', () => {
  it.each(providerNames)('%s', async (provider) => {
    const scheme = createTestScheme(provider, await testCredentials(provider));
    const url = providers[provider].signsUrl ? URL : undefined;
    const input = { body: bodyFor(provider), timestamp: T, id: 'delivery-1', url };
    const { headers, body } = scheme.signBody
      ? await scheme.signBody(input)
      : { headers: await scheme.sign(input), body: input.body };
    await expect(scheme.verify({ headers, body, url, now: T * 1000 })).resolves.toMatchObject({
      scheme: provider,
      secretIndex: 0,
    });
  });
});
