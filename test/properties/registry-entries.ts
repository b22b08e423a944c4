import * as signatures from '@hookgate/signatures';
import {
  type AnyProviderEntry,
  type CryptoProvider,
  type ProviderName,
  providers,
} from '@hookgate/signatures';
import { testSecret } from '@hookgate/testing';

/** What the property table needs of a registered provider (see `Entry` in the test). */
export interface RegistryCase {
  factory: string;
  provider: ProviderName;
  entry: AnyProviderEntry;
  secret: string;
  crypto: CryptoProvider;
  /** The headers `sign()` writes, and the delivery-id header when it is not signed. */
  reads: readonly string[];
  /** The headers the signature covers: all `sign()` writes but an unsigned delivery id. */
  signed: readonly string[];
  url: string | undefined;
}

const T = 1_700_000_000;
const URL = 'https://hooks.example.com/in/ab12cd';

/**
 * Every shared-secret provider of the registry whose factory the hand-written table does not
 * already cover, ready for the hostile-input and mutation properties. The headers it reads
 * and signs are learnt from one signature, so a new registry entry is covered with no edit.
 */
export async function registryCases(
  crypto: CryptoProvider,
  covered: ReadonlySet<string>,
): Promise<RegistryCase[]> {
  const names = new Map<unknown, string>(Object.entries(signatures).map(([name, value]) => [value, name]));
  const cases: RegistryCase[] = [];
  for (const [provider, entry] of Object.entries(providers) as [ProviderName, AnyProviderEntry][]) {
    const factory = names.get(entry.create);
    if (entry.secret.kind !== 'shared-secret' || factory === undefined || covered.has(factory)) continue;
    const secret = testSecret(provider);
    const url = entry.signsUrl ? URL : undefined;
    const scheme = entry.create({ secret, crypto });
    // Senders that sign inside the body are in the hand-written table.
    if (scheme.signBody) continue;
    const headers = await scheme.sign({ body: '{}', timestamp: T, id: 'delivery-1', url });
    const idHeader = entry.deliveryId && 'header' in entry.deliveryId ? entry.deliveryId.header : undefined;
    const signed = Object.keys(headers).filter(
      (name) => scheme.signsDeliveryId || name.toLowerCase() !== idHeader?.toLowerCase(),
    );
    const reads =
      idHeader === undefined ? Object.keys(headers) : [...new Set([...Object.keys(headers), idHeader])];
    cases.push({ factory, provider, entry, secret, crypto, reads, signed, url });
  }
  return cases;
}
