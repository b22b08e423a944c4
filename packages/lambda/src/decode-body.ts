import { WebhookError } from '@hookgate/core';

const encoder = new TextEncoder();
// Standard alphabet, padded: what API Gateway, function URLs and ALB send.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The raw body bytes of an event under `maxBodyBytes`. AWS base64-encodes a binary body (any
 * body, for function URLs and HTTP APIs, whose content type is not text); a plain body is the
 * UTF-8 text AWS decoded. The size is checked before decoding, so an oversize body is never
 * decoded; malformed base64 is refused rather than decoded leniently (Node's decoder skips
 * characters outside the alphabet, which would verify bytes other than the ones sent).
 */
export function decodeBody(
  body: string | null | undefined,
  isBase64Encoded: boolean,
  maxBodyBytes: number,
): Uint8Array | WebhookError {
  const text = body ?? '';
  const tooLarge = () =>
    new WebhookError('PAYLOAD_TOO_LARGE', `the body is larger than the ${maxBodyBytes}-byte limit`);
  if (!isBase64Encoded) {
    // A UTF-8 encoding has at least one byte per UTF-16 unit: checks the cheap bound first.
    if (text.length > maxBodyBytes) return tooLarge();
    const bytes = encoder.encode(text);
    return bytes.length > maxBodyBytes ? tooLarge() : bytes;
  }
  if (Math.floor(text.length / 4) * 3 - 2 > maxBodyBytes) return tooLarge();
  if (!BASE64.test(text)) {
    return new WebhookError(
      'INVALID_PAYLOAD',
      'the event says its body is base64 but it is not valid base64',
    );
  }
  const decoded = Buffer.from(text, 'base64');
  const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  return bytes.length > maxBodyBytes ? tooLarge() : bytes;
}
