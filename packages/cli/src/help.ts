import { jobsHelp } from './commands/jobs.js';
import { PROVIDERS } from './providers.js';

const PROVIDER_LIST = PROVIDERS.join(', ');

const SECRETS = `Secrets (--secret):
  HMAC providers       the signing secret, exactly as the provider shows it (whsec_… for
                       Stripe, Standard Webhooks and Svix)
  discord              verify: the application public key (hex); sign: the Ed25519 seed (hex)
  sendgrid             verify: the verification key (base64 SPKI); sign: a P-256 private key
                       (base64 PKCS#8 or PEM)
  standard-webhooks    also whpk_… public keys (verify) and a whsk_… private key (sign)`;

const HMAC = `Custom senders (--provider hmac):
  --header NAME             the signature header (a name without a colon; or --signature-header)
  --algorithm ALG           sha1, sha256 or sha512 (default sha256)
  --encoding ENC            hex or base64 (default hex)
  --prefix TEXT             text before the signature, for example sha256=
  --timestamp-header NAME   the header with the signed unix timestamp
  --id-header NAME          the header with the delivery id
  --template T              what is signed, with {timestamp}, {id} and {body}
                            (default {timestamp}.{body} with a timestamp header, else {body})`;

const EXIT_CODES = `Exit codes:
  0  done: signed, valid, or the receiver answered 2xx
  1  the signature is invalid (verify), or the receiver answered non-2xx (send)
  2  usage error: unknown option, missing --provider or --secret, unusable secret, a
     number that is not plain decimal digits in its range (1e3, 0x10, -1, 5.0)
  3  send could not reach the URL`;

/** Help texts, by command. */
export const help: Record<string, string> = {
  jobs: jobsHelp,
  providers: `hookgate providers: list every provider hookgate verifies, with its facts.

Usage:
  hookgate providers [--json]

Prints the name --provider takes, how the secret is written, the signed timestamp and its
window, where the event type and the delivery id are, the sender's response deadline and how
long it retries. --json prints every fact (docs link, handshake, test-vector source) as an array.

Options:
      --json           print the facts as JSON
  -h, --help           this help
`,
  main: `hookgate: sign, verify and send webhook deliveries, and explain signature failures.

Usage:
  hookgate sign   --provider P --secret S (--body TEXT | --body-file F) [options]
  hookgate verify --provider P --secret S --header "Name: value"… (--body TEXT | --body-file F) [--explain]
  hookgate send   --provider P --secret S [--event E | --body TEXT | --body-file F] URL
  hookgate jobs   failed|replay --redis URL --queue NAME [--id ID… | --all] [--json]
  hookgate providers [--json]

Run hookgate <command> --help for the options of a command.

Providers: ${PROVIDER_LIST}

Every command prints for people by default and JSON with --json.

${EXIT_CODES}
`,
  sign: `hookgate sign: print the headers a provider would send with a body.

Usage:
  hookgate sign --provider P --secret S (--body TEXT | --body-file F) [options]

Options:
  -p, --provider P     ${PROVIDER_LIST}
  -s, --secret S       the signing secret (see below)
      --body TEXT      the body, as UTF-8
      --body-file F    the body, as the file's bytes (- reads standard input)
      --id I           the delivery id, where the provider sends one (default: random)
      --timestamp T    the signed time in unix seconds (default: now)
      --url U          the URL the provider requests (Twilio and Square sign it)
  -H, --header H       another header to send, "Name: value" (Content-Type overrides the guess)
      --json           print {"url" (with --url), "headers": {…}}
  -h, --help           this help

Prints one "Name: value" line per header: the signature's first, then the Content-Type
of the body (JSON, a form, text or bytes), then any --header. When the signature covers
another URL than --url (a Twilio body that is not a form: Twilio adds and signs a
bodySHA256 parameter), stderr says which one to send the request to.

${SECRETS}

${HMAC}

Example:
  hookgate sign --provider stripe --secret whsec_… --body-file event.json
`,
  verify: `hookgate verify: check a delivery's signature, and say why it fails.

Usage:
  hookgate verify --provider P --secret S [--secret S2…] --header "Name: value"…
                  (--body TEXT | --body-file F) [--url U] [--now T] [--explain]

Options:
  -p, --provider P     ${PROVIDER_LIST}
  -s, --secret S       a secret (or public key); repeat it to try several (rotation)
  -H, --header H       a received header, "Name: value"; repeat it for each header
      --body TEXT      the body, as UTF-8
      --body-file F    the body, as the file's bytes (- reads standard input)
      --url U          the URL the delivery was sent to (Twilio and Square sign it)
      --now T          verify as if it were unix second T (default: now)
      --tolerance S    the signature window in seconds (default: the provider's)
      --explain        when invalid, find the mistake: a re-serialised or pretty-printed
                       body, a trailing newline or CRLF, the secret used with or without
                       base64 decoding or with whitespace, another provider's scheme, a
                       clock skew (and by how much), a URL changed by a proxy
      --json           print {"valid": …, "code", "message", "diagnoses": […]}
  -h, --help           this help

Prints "valid" (exit 0), or "invalid: CODE: message" (exit 1), followed with --explain by
one "explain: …" line per mistake that reproduces the signature.

${SECRETS}

${HMAC}

Example:
  hookgate verify --provider github --secret "$SECRET" --body-file payload.json \\
    --header "X-Hub-Signature-256: sha256=…" --explain
`,
  send: `hookgate send: sign a delivery and POST it to a URL.

Usage:
  hookgate send --provider P --secret S [--event E | --body TEXT | --body-file F] [options] URL

Options:
  -p, --provider P     ${PROVIDER_LIST}
  -s, --secret S       the signing secret (see below)
      --event E        a realistic sample event from @hookgate/testing (default: the
                       provider's first), for example invoice.paid, push, orders/create;
                       every GitHub event with a published example, e.g. pull_request.opened
      --body TEXT      send this body instead, as UTF-8
      --body-file F    send this file's bytes instead (- reads standard input)
      --id I           the delivery id (default: the sample's, or random)
      --timestamp T    the signed time in unix seconds (default: now)
      --url U          the URL to sign, when the public URL differs from URL
  -H, --header H       an extra request header, "Name: value" (Content-Type overrides the guess)
      --json           print {"status", "body", "request": {…}}
  -h, --help           this help

A body is sent with the Content-Type it is: JSON, a form (a=1&b=2, and any text for
Twilio), text, or application/octet-stream for bytes. A Twilio body that is not a form is
sent to the URL with the bodySHA256 parameter Twilio adds and signs.

Prints the response status and body. Exit 0 for a 2xx answer, 1 otherwise, 3 when the URL
cannot be reached.

${SECRETS}

${HMAC}

Example:
  hookgate send --provider stripe --secret whsec_… --event invoice.paid http://localhost:3000/webhooks/stripe
`,
};
