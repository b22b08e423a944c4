import type { CryptoProvider } from './crypto-provider.js';
import { timingSafeEqualString, toBytes, toHex } from './encoding.js';
import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { type JwtAlgorithm, jwtSignatureMatches, numericDate, parseJwt, signJwt } from './jwt.js';
import { cryptoOf, randomId } from './options.js';
import { createKeyring } from './secrets.js';
import { checkTimestamp, signingTimestamp, type TimestampOptions, widestWindow } from './timestamp.js';
import type { Scheme, SecretSource, SignedRequest } from './types.js';

/** Options of the schemes whose sender signs a JWT that carries a hash of the body. */
export interface JwtBodySchemeOptions extends TimestampOptions {
  /** The shared JWT secret; several for rotation (any may match, the first signs); or a lookup. */
  secret: SecretSource;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

/** What tells one such sender from another. */
export interface JwtBodySpec {
  name: string;
  /** What the secret is called in messages. */
  label: string;
  header: string;
  /** Whether the header is `Bearer <jwt>` rather than the bare JWT. */
  bearer: boolean;
  algorithms: readonly JwtAlgorithm[];
  /** The required `iss` claim. */
  issuer: string;
  /** The claim holding the lower-case hex SHA-256 of the raw body. */
  hashClaim: string;
  /** The claim holding a delivery id, where there is one (signed, so a replay key). */
  idClaim?: string | undefined;
  /** Whether `iat` must be present (it is checked against the window whenever it is). */
  requireIat: boolean;
  defaultTolerance: number;
}

/**
 * A scheme for a JWT (HMAC-signed) whose claims carry the body's SHA-256: the signature is
 * checked first with each secret, then `iss`, then the body hash (in constant time), then the
 * time claims: `iat` within the window both ways, `exp` and `nbf` with the window as leeway.
 * Verified with the runtime's HMAC, no JWT library: `alg` must be one of `spec.algorithms`.
 */
export function createJwtBodyScheme(spec: JwtBodySpec, options: JwtBodySchemeOptions): Scheme {
  const crypto = cryptoOf(options);
  const keyring = createKeyring(options.secret, (secret) => ({ bytes: toBytes(secret) }), spec.label);
  const where = `the ${spec.header} JWT`;
  return {
    name: spec.name,
    signsDeliveryId: spec.idClaim !== undefined,
    // Only a required iat is a window receivers can count on (an optional one may be absent).
    toleranceSeconds: spec.requireIat ? widestWindow(options, spec.defaultTolerance) : undefined,
    async verify(request) {
      const jwt = parseJwt(readToken(spec, request), spec.algorithms, where);
      const keys = await keyring.keys(request);
      // Every key is tried, also after a match, so the time does not say which secret signed.
      let secretIndex = -1;
      for (let index = 0; index < keys.length; index++) {
        if ((await jwtSignatureMatches(crypto, keys[index]!, jwt)) && secretIndex < 0) secretIndex = index;
      }
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${where} is not signed with the configured ${spec.label}`,
        );
      }
      const { claims } = jwt;
      if (claims.iss !== spec.issuer) {
        throw new WebhookError('INVALID_SIGNATURE', `the iss claim of ${where} is not ${spec.issuer}`);
      }
      const hash = claims[spec.hashClaim];
      if (typeof hash !== 'string') {
        throw new WebhookError('MALFORMED_HEADER', `${where} has no ${spec.hashClaim} claim`);
      }
      const digest = toHex(await crypto.digest('sha256', toBytes(request.body)));
      if (!timingSafeEqualString(digest, hash.toLowerCase())) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `the body does not match the ${spec.hashClaim} claim of ${where}; pass the raw body bytes exactly as received`,
        );
      }
      const timestamp = checkTimes(spec, claims, request, options, where);
      const id = spec.idClaim === undefined ? undefined : stringClaim(claims, spec.idClaim);
      return { scheme: spec.name, id, timestamp, secretIndex, contentKey: jwt.signature };
    },
    async sign(input) {
      const [key] = await keyring.keys({ headers: {}, body: input.body, url: input.url });
      const claims: Record<string, unknown> = {
        iss: spec.issuer,
        iat: signingTimestamp(input.timestamp),
        [spec.hashClaim]: toHex(await crypto.digest('sha256', toBytes(input.body))),
      };
      if (spec.idClaim !== undefined) claims[spec.idClaim] = input.id ?? randomId();
      const token = await signJwt(crypto, key!, spec.algorithms[0]!, claims);
      return { [spec.header]: spec.bearer ? `Bearer ${token}` : token };
    },
  };
}

function readToken(spec: JwtBodySpec, request: SignedRequest): string {
  const value = requireHeader(request.headers, spec.header);
  if (!spec.bearer) return value;
  if (!/^bearer /i.test(value)) {
    throw new WebhookError('MALFORMED_HEADER', `${spec.header} is not of the form Bearer <jwt>`);
  }
  return value.slice(7).trim();
}

function checkTimes(
  spec: JwtBodySpec,
  claims: Record<string, unknown>,
  request: SignedRequest,
  options: TimestampOptions,
  where: string,
): number | undefined {
  const now = request.now ?? Date.now();
  const leeway = widestWindow(options, spec.defaultTolerance);
  const iat = numericDate(claims, 'iat', where);
  const exp = numericDate(claims, 'exp', where);
  const nbf = numericDate(claims, 'nbf', where);
  if (iat === undefined && spec.requireIat)
    throw new WebhookError('MALFORMED_HEADER', `${where} has no iat claim`);
  if (iat !== undefined) checkTimestamp(Math.floor(iat), now, options, spec.defaultTolerance);
  const seconds = now / 1000;
  if (exp !== undefined && seconds > exp + leeway) {
    throw new WebhookError('TIMESTAMP_OUT_OF_RANGE', `${where} expired (exp) more than ${leeway} s ago`);
  }
  if (nbf !== undefined && seconds < nbf - leeway) {
    throw new WebhookError('TIMESTAMP_OUT_OF_RANGE', `${where} is not valid yet (nbf)`);
  }
  return iat === undefined ? undefined : Math.floor(iat);
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
