// A Worker or an edge function that verifies one provider's deliveries should not carry the ~80
// others. The built package is one module, where `sideEffects: false` cannot help: the registry's
// rows must be pure calls (`/* @__PURE__ */`) over plain literals, which a bundler can drop. Bundles
// `export { stripe }` from the built ESM entry and fails when other providers come along.
import { build } from 'esbuild';

const entry = new URL('../../packages/signatures/dist/index.js', import.meta.url).pathname;

async function bundleOf(names) {
  const result = await build({
    stdin: { contents: `export { ${names} } from ${JSON.stringify(entry)};`, resolveDir: '.' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Throws unless importing `stripe` alone leaves the other providers out. */
export async function checkTreeShaking() {
  const stripeOnly = await bundleOf('stripe');
  const everything = await bundleOf('providers');
  const kept = ['lemon-squeezy', 'bitbucket', 'mailgun', 'paystack', 'Okta', 'X-Adyen'].filter((name) =>
    stripeOnly.includes(name),
  );
  if (kept.length > 0 || stripeOnly.length * 4 > everything.length) {
    throw new Error(
      `importing stripe alone bundles ${stripeOnly.length} bytes of ${everything.length}` +
        (kept.length > 0 ? `, with ${kept.join(', ')}` : '') +
        ': a top-level statement of the registry is not pure (a property read, arithmetic, an unannotated call)',
    );
  }
  return `${stripeOnly.length} of ${everything.length} bytes for stripe alone`;
}
