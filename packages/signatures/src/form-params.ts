const textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `name + value` for every parameter of a form body, as twilio-node's
 * `getExpectedTwilioSignature` and Mandrill's reference code join them: names in
 * `Array.prototype.sort` order (UTF-16 code units), each distinct value of a repeated name
 * once, values sorted the same way.
 */
export function signedParams(body: Uint8Array | string): string {
  const text = typeof body === 'string' ? body : textDecoder.decode(body);
  const byName = new Map<string, Set<string>>();
  // A leading `&` keeps URLSearchParams from dropping a `?` that starts the body (only then:
  // copying a large body to prefix it costs more than the rest of the parse).
  const form = text.charCodeAt(0) === 0x3f ? `&${text}` : text;
  for (const [name, value] of new URLSearchParams(form)) {
    const values = byName.get(name);
    if (values) values.add(value);
    else byName.set(name, new Set([value]));
  }
  let out = '';
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...byName.get(name)!].sort()) out += name + value;
  }
  return out;
}
