// Every registered HMAC provider that the hand-written cases of schemes.ts do not cover, as a
// reliability case: learnt from the registry, so a new provider is covered with no edit here.
import { type AnyProviderEntry, type ProviderName, providers } from '@hookgate/signatures';
import { testSecret } from '@hookgate/testing';
import type { SchemeCase } from './schemes.js';

// The Standard Webhooks senders read either header set.
const STANDARD_HEADERS = [
  'svix-id',
  'svix-timestamp',
  'svix-signature',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
];

const FORGER_TEXT = 'reliability-forger-secret-0000';
const FORGER = {
  utf8: FORGER_TEXT,
  whsec: `whsec_${Buffer.from(FORGER_TEXT).toString('base64')}`,
  base64: Buffer.from(FORGER_TEXT).toString('base64'),
  hex: Buffer.from(FORGER_TEXT).toString('hex'),
};

function readsOf(entry: AnyProviderEntry): string[] {
  const preset = entry.preset;
  if (!preset) return STANDARD_HEADERS;
  const reads = typeof preset.header === 'string' ? [preset.header] : [...preset.header];
  if (preset.timestamp?.header) reads.push(preset.timestamp.header);
  if (entry.deliveryId && 'header' in entry.deliveryId) reads.push(entry.deliveryId.header);
  return reads;
}

function signatureHeadersOf(entry: AnyProviderEntry): string[] {
  const preset = entry.preset;
  if (!preset) return ['svix-signature', 'webhook-signature'];
  return typeof preset.header === 'string' ? [preset.header] : [...preset.header];
}

/** The registry's shared-secret providers whose name is not in `covered`. */
export function registryCases(covered: ReadonlySet<string>): SchemeCase[] {
  return (
    (Object.entries(providers) as [ProviderName, AnyProviderEntry][])
      .filter(([name, entry]) => entry.secret.kind === 'shared-secret' && !covered.has(name))
      // Senders that sign inside the body (Mailgun, Adyen) have no header to forge: their own
      // tests and the property suite cover them.
      .filter(([name, entry]) => !entry.create({ secret: testSecret(name) }).signBody)
      .map(([name, entry]) => {
        const secret = testSecret(name);
        const scheme = entry.create({ secret });
        // A forger in the same format, with another secret.
        const forgerSecret = FORGER[entry.secret.encoding as keyof typeof FORGER] ?? FORGER.utf8;
        return {
          label: name,
          scheme,
          forger: entry.create({ secret: forgerSecret }),
          reads: readsOf(entry),
          signatureHeaders: signatureHeadersOf(entry),
          secrets: [secret],
          ...(entry.signsUrl ? { signsUrl: true } : {}),
          // Senders that sign a form's sorted parameters (Mandrill) get form bodies, as Twilio.
          ...(entry.preset?.template.includes('{params}') ? { form: true } : {}),
          ...(scheme.signsDeliveryId ? { signsId: true } : {}),
          runsScale: 0.05,
        };
      })
  );
}
