import { WebhookError } from './errors.js';
import { jsonAnswer, stringMember } from './handshake.js';
import { requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
import { refuseWrongKind, SLACK_TOKEN } from './secret-checks.js';
import { createKeyring, utf8Key } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme } from './types.js';

/** Options of {@link slack}. */
export interface SlackOptions extends HmacSchemeOptions, TimestampOptions {}

const SIGNATURE = 'X-Slack-Signature';
const TIMESTAMP = 'X-Slack-Request-Timestamp';
const VERSION = 'v0';

/**
 * Slack: `X-Slack-Signature: v0=<hex>` and `X-Slack-Request-Timestamp: <unix s>`, HMAC-SHA256
 * over `v0:<ts>:<body>` keyed with the signing secret's UTF-8 bytes. Only `v0` exists; any
 * other version is refused as `MALFORMED_HEADER` (we cannot check it, as bolt-js cannot).
 * Tolerance 300 s, in both directions by default (bolt-js only refuses stale requests; the
 * Python SDK and Slack's docs use `abs(now - ts)`). The delivery id is the payload's
 * `event_id`, not a header, so none is reported here.
 *
 * @example
 * ```ts
 * const scheme = slack({ secret: process.env.SLACK_SIGNING_SECRET! });
 * const { timestamp } = await scheme.verify({ headers, body });
 * ```
 */
export function slack(options: SlackOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, slackKey, 'Slack signing secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'slack',
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const signature = parseSlackSignature(requireHeader(request.headers, SIGNATURE));
      const rawTimestamp = requireHeader(request.headers, TIMESTAMP);
      const timestamp = parseTimestamp(rawTimestamp, TIMESTAMP);
      // The basestring uses the header text as sent (docs.slack.dev "Verifying requests").
      const secretIndex = await verifyHmac(
        spec,
        request,
        [`${VERSION}:${rawTimestamp}:`, request.body],
        [signature],
        `${SIGNATURE} does not match the raw body; pass the body bytes exactly as received (before any form parsing) and the app's signing secret`,
      );
      // Signature first, then freshness: a stale genuine request is reported as stale.
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: 'slack', timestamp, secretIndex, version: VERSION, contentKey: signature };
    },
    async sign(input) {
      const timestamp = signingTimestamp(input.timestamp);
      const mac = await signHmac(spec, input, [`${VERSION}:${timestamp}:`, input.body]);
      return { [SIGNATURE]: `${VERSION}=${mac}`, [TIMESTAMP]: String(timestamp) };
    },
    handshake: { respond: answerUrlVerification },
  };
}

/**
 * The Events API's `url_verification`, answered once verified with its `challenge`: Slack
 * accepts it as plain text, a form or JSON (api.slack.com/events/url_verification).
 */
function answerUrlVerification(payload: unknown) {
  if (stringMember(payload, 'type') !== 'url_verification') return undefined;
  return jsonAnswer({ challenge: stringMember(payload, 'challenge') ?? '' });
}

/** `v0=<hex>` → the hex; anything else is a header we cannot check. */
function parseSlackSignature(header: string): string {
  const equals = header.indexOf('=');
  if (equals < 0) throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} is not of the form v0=<hex>`);
  const version = header.slice(0, equals);
  if (version !== VERSION) {
    throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} has an unknown version; only v0 is supported`);
  }
  const signature = header.slice(equals + 1);
  if (signature === '') throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} has no signature after v0=`);
  return signature;
}

const slackKey = /* @__PURE__ */ refuseWrongKind(
  utf8Key,
  SLACK_TOKEN,
  "the app's Signing Secret (Basic Information → App Credentials)",
);
