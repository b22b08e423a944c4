import { describe, expect, it } from 'vitest';
import { type AdapterConformanceOptions, runAdapterConformance } from './adapter-conformance.js';
import { CONFORMANCE_BODY_TIMEOUT_MS, type MountAdapter } from './conformance-support.js';

const unused: MountAdapter = () => Promise.reject(new Error('the tests are only declared here'));

/** The suite's test names and the time limit each was declared with. */
function limits(options: AdapterConformanceOptions = {}): Map<string, number | undefined> {
  const declared = new Map<string, number | undefined>();
  runAdapterConformance(
    unused,
    { describe: (_name, body) => body(), it: (name, _body, timeout) => declared.set(name, timeout) },
    options,
  );
  return declared;
}

const limitOf = (declared: Map<string, number | undefined>, start: string) =>
  [...declared].find(([name]) => name.startsWith(start))?.[1] ?? 0;

// Vitest and jest stop a test after 5 s unless told otherwise; a user's run keeps that default.
describe('runAdapterConformance time limits', () => {
  it('gives every test an explicit limit above the runners’ 5 s default', () => {
    const declared = limits({
      nodeLayer: true,
      mountWithFailingPublicUrl: unused,
      mountBehindParser: unused,
    });
    expect(declared.size).toBeGreaterThan(15);
    for (const [name, timeout] of declared) expect(timeout, name).toBeGreaterThan(5_000);
  });

  it('gives the streamed 64 MiB body the time to send all of it (16 KiB per 10 ms: 41 s), and more', () => {
    const streamed = 'refuses a chunked body with no Content-Length';
    expect(limitOf(limits(), streamed)).toBeGreaterThan(((64 * 1024 * 1024) / 16_384) * 10);
    // A buffering server gets a 256 KiB body, sent in well under a second.
    expect(limitOf(limits({ bufferedBody: true }), streamed)).toBeLessThan(20_000);
  });

  it('gives the 408 test its latest accepted answer and more', () => {
    const limit = limitOf(limits({ bodyTimeout: true }), 'cuts a slow-drip body off with 408');
    expect(limit).toBeGreaterThan(3 * CONFORMANCE_BODY_TIMEOUT_MS + 2_000 + 5_000);
  });

  it('gives the concurrent copies their 5 s gate and more', () => {
    expect(limitOf(limits(), 'runs concurrent copies')).toBeGreaterThan(10_000);
  });
});
