import { WebhookError } from './errors.js';

// A full RFC 3339 date-time: fraction up to nanoseconds, `Z` or a numeric offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp strictly (Twitch sends nanoseconds, which `Date.parse` does
 * not promise to accept) into milliseconds since the epoch, dropping digits past the
 * millisecond. Anything else, including out-of-range fields, is `MALFORMED_HEADER`.
 */
export function parseRfc3339(value: string, where: string): number {
  const match = DATE_TIME.exec(value);
  if (!match) throw new WebhookError('MALFORMED_HEADER', `${where} is not an RFC 3339 date-time`);
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.slice(0, 3).padEnd(3, '0')}${zone!.toUpperCase()}`;
  const ms = Date.parse(iso);
  // Date.parse rolls some impossible dates over (Feb 30); a round trip of the date catches it,
  // on the wall clock of the stated zone (UTC plus its offset).
  const date = new Date(ms + offsetMs(zone!));
  if (
    Number.isNaN(ms) ||
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() + 1 !== Number(month) ||
    date.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    throw new WebhookError('MALFORMED_HEADER', `${where} is not a valid date-time`);
  }
  return ms;
}

function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/** Milliseconds since the epoch as an RFC 3339 UTC date-time with a millisecond fraction. */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
