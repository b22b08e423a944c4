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
  // The leading `&` keeps URLSearchParams from dropping a `?` that starts the body.
  for (const [name, value] of new URLSearchParams(`&${text}`)) {
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
