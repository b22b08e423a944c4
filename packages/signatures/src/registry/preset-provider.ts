import type { HmacPreset } from '../hmac-preset.js';
import { createPresetScheme, type HmacPresetOptions } from '../preset-scheme.js';
import type { Scheme } from '../types.js';
import type { ProviderEntry, ProviderFacts } from './provider-entry.js';

/** One data row of an HMAC family table: the preset and the facts the preset does not imply. */
export type HmacProviderRow = Omit<HmacPreset, 'idHeader'> &
  Omit<ProviderFacts, 'displayName' | 'secret' | 'signsUrl' | 'timestamp'>;

/** A factory of a preset-based provider, as each is exported by name. */
export type PresetFactory = (options: HmacPresetOptions) => Scheme;

/**
 * The registry entry of a data row: the facts the preset implies (secret encoding, signed URL,
 * timestamp) are derived from it, so they cannot disagree with what the scheme does.
 *
 * @example
 * ```ts
 * const entry = presetProvider({ name: 'acme', label: 'Acme', header: 'X-Sig', algorithm: 'sha256',
 *   encoding: 'hex', template: '{body}', eventType: undefined, deliveryId: undefined,
 *   retryHorizonMs: 0, responseDeadlineMs: undefined, handshake: undefined,
 *   docs: 'https://acme.test/webhooks', vector: { source: 'docs-example', detail: 'acme.test.ts' } });
 * ```
 */
export function presetProvider(row: HmacProviderRow): ProviderEntry<HmacPresetOptions> {
  const key = row.key ?? 'utf8';
  // The delivery-id header is read (and signed, where the template says so) by the scheme.
  const preset: HmacPreset =
    row.deliveryId !== undefined && 'header' in row.deliveryId
      ? { ...row, idHeader: row.deliveryId.header }
      : row;
  return {
    displayName: row.label,
    secret: { kind: 'shared-secret', encoding: key },
    signsUrl: row.template.includes('{url}'),
    timestamp:
      row.timestamp === undefined
        ? undefined
        : { unit: row.timestamp.unit, toleranceSeconds: row.timestamp.tolerance },
    eventType: row.eventType,
    deliveryId: row.deliveryId,
    retryHorizonMs: row.retryHorizonMs,
    responseDeadlineMs: row.responseDeadlineMs,
    handshake: row.handshake,
    docs: row.docs,
    vector: row.vector,
    create: (options) => createPresetScheme(preset, options),
    preset,
  };
}
