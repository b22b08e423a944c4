import { describe, expect, it } from 'vitest';
import type { Scheme, SignedRequest } from '../types.js';
import { expectWebhookError } from './expect-error.js';

/** What {@link describeSchemeCases} needs to run the cases every scheme must pass. */
export interface SchemeCases {
  /** Signs and verifies with the right secret or key pair. */
  scheme: Scheme;
  /** Verifies with another secret or key. */
  wrong: Scheme;
  body: string;
  /** The clock of every verification, in ms. */
  now: number;
  /** The headers `sign()` sets that `verify()` cannot do without. */
  required: readonly string[];
  /** The timestamp window in seconds, where the scheme signs a timestamp. */
  tolerance?: number;
  /** `false` for shared tokens: the body is not covered, so a changed body still passes. */
  bodyIntegrity?: boolean;
  /** Values no error message may contain (secrets). */
  secrets?: readonly string[];
  /** Turns signed headers into a request (schemes that sign inside the body rewrite it). */
  request?: (headers: Record<string, string>, body: string, now: number) => SignedRequest;
}

/**
 * The cases each scheme of this package is tested with: round trip, wrong secret, changed
 * body, each required header missing or sent twice with different values, and stale and
 * future timestamps just past the window (and just inside it).
 */
export function describeSchemeCases(name: string, cases: SchemeCases): void {
  const { scheme, wrong, body, now, tolerance } = cases;
  const nowSeconds = Math.floor(now / 1000);
  const toRequest =
    cases.request ??
    ((headers: Record<string, string>, text: string, at: number) => ({ headers, body: text, now: at }));
  const secrets = cases.secrets ?? [];
  const signed = (timestamp = nowSeconds, text = body) =>
    scheme.sign({ body: text, timestamp, id: 'delivery-1' });

  describe(`${name}: common cases`, () => {
    it('verifies what it signs', async () => {
      const headers = await signed();
      await expect(scheme.verify(toRequest(headers, body, now))).resolves.toMatchObject({
        scheme: scheme.name,
        secretIndex: 0,
      });
    });

    it('refuses another secret', async () => {
      const headers = await signed();
      await expectWebhookError(wrong.verify(toRequest(headers, body, now)), 'INVALID_SIGNATURE', secrets);
    });

    it(
      cases.bodyIntegrity === false ? 'does not cover the body (documented)' : 'refuses a changed body',
      async () => {
        const headers = await signed();
        const changed = `${body} `;
        const request = toRequest(headers, body, now);
        const tampered = {
          ...request,
          body: typeof request.body === 'string' ? `${request.body} ` : changed,
        };
        if (cases.bodyIntegrity === false) await expect(scheme.verify(tampered)).resolves.toBeDefined();
        else await expectWebhookError(scheme.verify(tampered), 'INVALID_SIGNATURE', secrets);
      },
    );

    for (const header of cases.required) {
      it(`refuses a request without ${header}`, async () => {
        const headers = await signed();
        const request = toRequest(headers, body, now);
        const without = Object.fromEntries(
          Object.entries(request.headers as Record<string, string>).filter(
            ([key]) => key.toLowerCase() !== header.toLowerCase(),
          ),
        );
        await expectWebhookError(scheme.verify({ ...request, headers: without }), 'MISSING_HEADER', secrets);
      });

      it(`refuses ${header} sent twice with different values`, async () => {
        const headers = await signed();
        const request = toRequest(headers, body, now);
        const record = request.headers as Record<string, string>;
        const key = Object.keys(record).find(
          (candidate) => candidate.toLowerCase() === header.toLowerCase(),
        )!;
        const twice = { ...record, [key]: [record[key]!, `${record[key]!}x`] };
        await expectWebhookError(scheme.verify({ ...request, headers: twice }), 'MALFORMED_HEADER', secrets);
      });
    }

    if (tolerance !== undefined) {
      it('refuses a stale and a future timestamp, accepts both edges', async () => {
        for (const offset of [tolerance + 1, -(tolerance + 1)]) {
          const headers = await signed(nowSeconds - offset);
          await expectWebhookError(
            scheme.verify(toRequest(headers, body, nowSeconds * 1000)),
            'TIMESTAMP_OUT_OF_RANGE',
            secrets,
          );
        }
        for (const offset of [tolerance, -tolerance]) {
          const headers = await signed(nowSeconds - offset);
          await expect(scheme.verify(toRequest(headers, body, nowSeconds * 1000))).resolves.toBeDefined();
        }
      });
    }
  });
}
