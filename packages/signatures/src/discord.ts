import { fromHex, toHex } from './encoding.js';
import { WebhookError } from './errors.js';
import { emptyAnswer, jsonAnswer, member } from './handshake.js';
import { createPublicKeyScheme, type PublicKeySchemeOptions } from './public-key-scheme.js';
import type { Scheme } from './types.js';

/**
 * Options of {@link discord}. `publicKey` is the application's PUBLIC KEY from the Developer
 * Portal (64 hex characters); `privateKey` a 32-byte Ed25519 seed in hex, for signing in tests.
 * `tolerance` applies to `X-Signature-Timestamp`. @default tolerance 300 s, both ways
 */
export interface DiscordOptions extends PublicKeySchemeOptions {}

const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;

/**
 * Discord interactions and webhook events: `X-Signature-Ed25519` is the Ed25519 signature,
 * in hex, of the `X-Signature-Timestamp` value (unix seconds) followed by the raw body
 * (discord-interactions `verifyKey`). The SDK checks no time; this scheme refuses a timestamp
 * more than 300 s away from the clock, in either direction, so a captured interaction cannot
 * be replayed later (an interaction must be answered within 3 s, so a genuine one is never
 * that old; raise `tolerance` if your Webhook Events arrive later). Discord sends no delivery
 * id header (the interaction or event id is in the body).
 *
 * @example
 * ```ts
 * const scheme = discord({ publicKey: process.env.DISCORD_PUBLIC_KEY! });
 * const { timestamp } = await scheme.verify({ headers, body });
 * ```
 */
export function discord(options: DiscordOptions): Scheme {
  const scheme = createPublicKeyScheme(
    {
      name: 'discord',
      keyLabel: 'Discord application public key',
      algorithm: 'ed25519',
      signatureHeader: 'X-Signature-Ed25519',
      timestampHeader: 'X-Signature-Timestamp',
      defaultTolerance: 300,
      // Strictly 64 bytes of hex; the SDK's lenient parser turns non-hex pairs into zero bytes.
      decodeSignature: (header) => (SIGNATURE_HEX.test(header) ? fromHex(header) : undefined),
      signatureShape: '128 hex characters (an Ed25519 signature)',
      encodeSignature: toHex,
      preparePublicKey: (key) => ({ bytes: decodeKey(key, 'Discord application public key') }),
      preparePrivateKey: (key) => ({ bytes: decodeKey(key, 'Discord private key (Ed25519 seed)') }),
      mismatchHint:
        "pass the raw body bytes exactly as received and the application's public key from the Developer Portal",
    },
    options,
  );
  return { ...scheme, handshake: { respond: answerPing } };
}

/**
 * Discord's two PINGs, answered once verified: an interactions endpoint answers
 * `{"type":1}` (PONG; interactions/receiving-and-responding), a Webhook Events endpoint
 * `204` with an empty body (events/webhook-events, "Responding to PING events").
 */
function answerPing(payload: unknown) {
  const type = member(payload, 'type');
  const isEvent = isDiscordWebhookEvent(payload);
  if (!isEvent && type === 1) return jsonAnswer({ type: 1 });
  if (isEvent && type === 0) return emptyAnswer(204);
  return undefined;
}

/**
 * Tells a Discord Webhook Event from an interaction. Interactions always carry a `token` and
 * their types start at 1; Webhook Events carry none, and have a `version`, an `event`, or the
 * PING type 0 (sent with or without `version`).
 *
 * @example
 * ```ts
 * isDiscordWebhookEvent({ type: 0 }); // true: a Webhook Events PING
 * ```
 */
export function isDiscordWebhookEvent(payload: unknown): boolean {
  if (member(payload, 'token') !== undefined) return false;
  return (
    member(payload, 'event') !== undefined ||
    member(payload, 'version') !== undefined ||
    member(payload, 'type') === 0
  );
}

function decodeKey(key: string, what: string): Uint8Array {
  const bytes = key.length === 64 ? fromHex(key) : undefined;
  if (!bytes) throw new WebhookError('INVALID_SECRET', `the ${what} is not 64 hex characters (32 bytes)`);
  return bytes;
}
