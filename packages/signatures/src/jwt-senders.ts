import { createJwtBodyScheme, type JwtBodySchemeOptions } from './jwt-body-scheme.js';
import type { Scheme } from './types.js';

/**
 * Netlify deploy notifications with a JWS secret: `X-Webhook-Signature` is an HS256 JWT with
 * `iss: "netlify"` and a `sha256` claim, the hex SHA-256 of the raw body
 * (docs.netlify.com/site-deploys/deploy-notifications, "Payload signature"). Netlify sends no
 * time claim; where one is present it is checked (300 s both ways). The JWT's signature is the
 * replay key.
 *
 * @example
 * ```ts
 * const scheme = netlify({ secret: process.env.NETLIFY_JWS_SECRET! });
 * ```
 */
export function netlify(options: JwtBodySchemeOptions): Scheme {
  return createJwtBodyScheme(
    {
      name: 'netlify',
      label: 'Netlify JWS secret',
      header: 'X-Webhook-Signature',
      bearer: false,
      algorithms: ['HS256'],
      issuer: 'netlify',
      hashClaim: 'sha256',
      requireIat: false,
      defaultTolerance: 300,
    },
    options,
  );
}

/**
 * Vonage signed webhooks (Messages, Voice, Verify v2): `Authorization: Bearer <jwt>`, HS256
 * with the account's signature secret, claims `iss: "Vonage"`, `iat`, `jti` and
 * `payload_hash`, the hex SHA-256 of the raw body (developer.vonage.com/en/getting-started/
 * concepts/webhooks, "Decoding signed webhooks"). `iat` must be within 300 s both ways;
 * `jti` is the delivery id.
 *
 * @example
 * ```ts
 * const scheme = vonage({ secret: process.env.VONAGE_SIGNATURE_SECRET! });
 * ```
 */
export function vonage(options: JwtBodySchemeOptions): Scheme {
  return createJwtBodyScheme(
    {
      name: 'vonage',
      label: 'Vonage signature secret',
      header: 'Authorization',
      bearer: true,
      algorithms: ['HS256'],
      issuer: 'Vonage',
      hashClaim: 'payload_hash',
      idClaim: 'jti',
      requireIat: true,
      defaultTolerance: 300,
    },
    options,
  );
}
