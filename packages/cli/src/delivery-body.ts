const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A body read from `--body` or `--body-file`, as `signDelivery` should see it: text when it
 * is UTF-8, so that the `Content-Type` follows what it is (JSON, a form for form posters
 * such as Twilio, Slack commands and Mandrill, else text/plain), bytes otherwise
 * (`application/octet-stream`). The bytes sent are the bytes read either way: the text is
 * decoded without dropping a byte-order mark.
 *
 * @example
 * ```ts
 * deliveryBody(new TextEncoder().encode('a=1&b=2')); // 'a=1&b=2'
 * deliveryBody(Uint8Array.of(0xff)); // Uint8Array [0xff]
 * ```
 */
export function deliveryBody(bytes: Uint8Array): string | Uint8Array {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
}
