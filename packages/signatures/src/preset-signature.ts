import { WebhookError } from './errors.js';
import type { SignatureFormat } from './hmac-preset.js';

/** What a signature header says: the candidate signatures and, in a list, the timestamp. */
export interface ParsedSignature {
  signatures: string[];
  timestamp?: string | undefined;
}

/**
 * Reads one signature header value in `format` (see {@link SignatureFormat}); throws
 * `MALFORMED_HEADER` when it is not of that form. Linear in the length of the value: it is
 * untrusted input.
 */
export function parseSignature(value: string, format: SignatureFormat, header: string): ParsedSignature {
  if (format.kind === 'raw') return { signatures: [value] };
  if (format.kind === 'prefixed') {
    if (!value.startsWith(format.prefix)) {
      throw new WebhookError('MALFORMED_HEADER', `${header} does not start with ${format.prefix}`);
    }
    const signature = value.slice(format.prefix.length);
    if (signature === '') throw new WebhookError('MALFORMED_HEADER', `${header} has no signature`);
    return { signatures: [signature] };
  }
  return parseList(value, format, header);
}

function parseList(
  value: string,
  format: Extract<SignatureFormat, { kind: 'list' }>,
  header: string,
): ParsedSignature {
  const { separator, signatureKey, timestampKey } = format;
  const signatures: string[] = [];
  let timestamp: string | undefined;
  for (const item of value.split(separator)) {
    const equals = item.indexOf('=');
    if (equals < 0) continue;
    // Senders write no spaces, but some docs show `t=…, v1=…`: trim around the key only.
    const key = item.slice(0, equals).trim();
    const text = item.slice(equals + 1);
    if (key === signatureKey) {
      if (text !== '') signatures.push(text);
    } else if (key === timestampKey) {
      if (timestamp !== undefined && timestamp !== text) {
        throw new WebhookError('MALFORMED_HEADER', `${header} has more than one ${timestampKey}= timestamp`);
      }
      timestamp = text;
    }
  }
  if (timestampKey !== undefined && timestamp === undefined) {
    throw new WebhookError('MALFORMED_HEADER', `${header} has no ${timestampKey}= timestamp`);
  }
  if (signatures.length === 0) {
    throw new WebhookError('MALFORMED_HEADER', `${header} has no ${signatureKey}= signature`);
  }
  return timestamp === undefined ? { signatures } : { signatures, timestamp };
}

/** The header value a sender writes for `signature` (and `timestamp`, in a list). */
export function formatSignature(format: SignatureFormat, signature: string, timestamp: string): string {
  if (format.kind === 'raw') return signature;
  if (format.kind === 'prefixed') return format.prefix + signature;
  const entry = `${format.signatureKey}=${signature}`;
  return format.timestampKey === undefined
    ? entry
    : `${format.timestampKey}=${timestamp}${format.separator}${entry}`;
}
