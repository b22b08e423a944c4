import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Express middleware asking for HTTP Basic credentials, user `admin` and `password`. The
 * comparison runs on SHA-256 digests in constant time, so neither the password's length nor its
 * bytes leak through timing. Only over HTTPS beyond this machine: Basic sends it in clear text.
 */
export function basicAuth(password: string): RequestHandler {
  const expected = digest(`admin:${password}`);
  return function requireLogin(req, res, next) {
    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const given = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (timingSafeEqual(digest(given), expected)) return next();
    res.set('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"').status(401).send('login required');
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
