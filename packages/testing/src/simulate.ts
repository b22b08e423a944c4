import type { HandleInput, HandleResult } from '@hookgate/core';
import type { Scheme } from '@hookgate/signatures';
import type { FakeClock } from './fake-clock.js';
import { backoffOf } from './sender-backoff.js';
import { type SignedDelivery, signDelivery } from './signed-request.js';
import { toSignedUrl } from './signed-url.js';
import { type DeliverySource, type Prepared, prepare, prepareDistinct } from './simulate-deliveries.js';

export type { DeliverySource } from './simulate-deliveries.js';

/** Something that handles deliveries as plain data: a hookgate `Receiver`. */
export interface SimulationTarget {
  handle(input: HandleInput): Promise<HandleResult>;
}

/** What senders do that a receiver must survive. */
export type ScenarioName = 'retries' | 'duplicate' | 'concurrent-duplicates' | 'out-of-order' | 'stale-retry';

/** A scenario and its options. */
export interface ScenarioOptions {
  /**
   * - `retries`: send, and on any non-2xx answer retry on the sender's schedule (re-signed
   *   each time, same id) until a 2xx or the schedule runs out.
   * - `duplicate`: the same event delivered `count` times, one after the other, re-signed.
   * - `concurrent-duplicates`: the same signed request sent `count` times at once.
   * - `out-of-order`: `deliveries` signed in order, one `gapMs` apart, sent in reverse order;
   *   each is a distinct event with its own id (a fixed sample given twice is made anew).
   * - `stale-retry`: a delivery signed `ageSeconds` ago, past the scheme's tolerance.
   */
  type: ScenarioName;
  /** The delivery. @default a fresh sample of the scheme's provider (a generic JSON event for custom schemes) */
  delivery?: DeliverySource | undefined;
  /**
   * The deliveries of `out-of-order`, in the order they happened. One whose id an earlier one
   * has (a fixed sample) is made anew with a fresh id: by its catalogue factory for a sample,
   * else with the id replaced in its body. @default two distinct events of `delivery`
   */
  deliveries?: DeliverySource[] | undefined;
  /** The URL to sign (Twilio and Square sign it). @default the target URL, or `https://example.test/webhooks` */
  url?: string | undefined;
  /** A fake clock: signing times come from it, and it is advanced by the sender's full delays. @default the wall clock */
  clock?: FakeClock | undefined;
  /**
   * How much real time passes per unit of the sender's delay: 0 sends retries at once (with a
   * fake clock they are still signed hours apart), 0.001 waits a millisecond per second.
   * @default 0
   */
  timeScale?: number | undefined;
  /** The retry delays in ms, for `retries`. @default the sender's schedule (Svix, Stripe, Slack, Shopify; none for GitHub) */
  schedule?: readonly number[] | undefined;
  /** How many copies `duplicate` and `concurrent-duplicates` send. @default 2 */
  count?: number | undefined;
  /** How old the `stale-retry` signature is, in seconds. @default the scheme's tolerance (300 when unknown) + 60 */
  ageSeconds?: number | undefined;
  /** The time between two `out-of-order` events, in ms. @default 1000 */
  gapMs?: number | undefined;
}

/** One request the simulated sender made. */
export interface AttemptReport {
  /** 1 for the first request sent, 2 for the next, … */
  attempt: number;
  /** Which delivery this is (its index in `deliveries`; 0 when there is one). */
  delivery: number;
  /** The delivery id it was signed with. */
  id: string;
  /** The sample's event type, when known. */
  event?: string | undefined;
  /** The HTTP status of the answer. */
  status: number;
  /** The error `code` of the answer body (`DELIVERY_IN_FLIGHT`, `TIMESTAMP_OUT_OF_RANGE`, …). */
  code?: string | undefined;
  /** Whether the receiver answered `{ duplicate: true }`. */
  duplicate: boolean;
  /** How long the sender waited before this request, in ms (uncompressed). */
  delayMs: number;
  /** The clock (ms) when it was sent. */
  at: number;
  /** The signed timestamp, in unix seconds. */
  signedAt: number;
  /** The answer body. */
  body: string;
}

/** What happened. */
export interface SimulationReport {
  scenario: ScenarioName;
  /** Every request, in the order sent. */
  attempts: AttemptReport[];
  /** Whether every delivery got a 2xx answer at least once. */
  delivered: boolean;
}

/**
 * Replays what webhook senders do against a receiver (or a URL): retries with the sender's
 * backoff (compressed in real time, exact on a fake clock), duplicates, concurrent duplicates,
 * events out of order, and a stale retry past the signature window. Every request is signed
 * with `scheme`, as the sender signs it. The report lists each request's status and code.
 *
 * @example
 * ```ts
 * const clock = createFakeClock();
 * const receiver = createReceiver({ scheme, clock: clock.now, store: createMemoryStore({ now: clock.now }) });
 * const report = await simulate(receiver, scheme, { type: 'concurrent-duplicates', count: 3, clock });
 * expect(report.attempts.filter((a) => a.status === 200)).toHaveLength(1);
 * ```
 */
export async function simulate(
  target: SimulationTarget | string,
  scheme: Scheme,
  scenario: ScenarioName | ScenarioOptions,
): Promise<SimulationReport> {
  const options: ScenarioOptions = typeof scenario === 'string' ? { type: scenario } : scenario;
  const clock = options.clock;
  const now = () => clock?.now() ?? Date.now();
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const url = options.url ?? (typeof target === 'string' ? target : 'https://example.test/webhooks');
  const timeScale = options.timeScale ?? 0;
  const attempts: AttemptReport[] = [];

  const wait = async (ms: number) => {
    clock?.advance(ms);
    if (timeScale > 0 && ms > 0) await new Promise((resolve) => setTimeout(resolve, ms * timeScale));
  };
  const sign = (prepared: Prepared, signedAt: number, headers: Record<string, string> = {}) => {
    const delivery = prepared.at(signedAt);
    return signDelivery(scheme, {
      ...delivery,
      url,
      id: prepared.id,
      timestamp: signedAt,
      headers: { ...delivery.headers, ...headers },
    });
  };
  const send = async (prepared: Prepared, signed: SignedDelivery, signedAt: number, delayMs: number) => {
    const at = now();
    const answer = await deliver(target, scheme, signed);
    const report: AttemptReport = {
      attempt: 0,
      delivery: prepared.index,
      id: prepared.id,
      ...(prepared.event === undefined ? {} : { event: prepared.event }),
      status: answer.status,
      ...errorCode(answer.body),
      delayMs,
      at,
      signedAt,
      body: answer.body,
    };
    report.attempt = attempts.push(report);
    if (options.type !== 'stale-retry') refuseClockMismatch(report, seconds(at));
    return report;
  };

  const single = () => prepare(options.delivery, scheme, 0, seconds(now()));
  switch (options.type) {
    case 'retries': {
      const prepared = single();
      const schedule = options.schedule ?? backoffOf(scheme.name);
      for (let retry = 0; retry <= schedule.length; retry++) {
        const delayMs = retry === 0 ? 0 : schedule[retry - 1]!;
        await wait(delayMs);
        const signedAt = seconds(now());
        const signed = await sign(prepared, signedAt, retryHeaders(scheme.name, retry));
        const { status } = await send(prepared, signed, signedAt, delayMs);
        if (isSuccess(status)) break;
      }
      break;
    }
    case 'duplicate': {
      const prepared = single();
      for (let copy = 0; copy < (options.count ?? 2); copy++) {
        const delayMs = copy === 0 ? 0 : 1000;
        await wait(delayMs);
        const signedAt = seconds(now());
        await send(prepared, await sign(prepared, signedAt), signedAt, delayMs);
      }
      break;
    }
    case 'concurrent-duplicates': {
      const prepared = single();
      const signedAt = seconds(now());
      const signed = await sign(prepared, signedAt);
      await Promise.all(
        Array.from({ length: options.count ?? 2 }, () => send(prepared, signed, signedAt, 0)),
      );
      break;
    }
    case 'out-of-order': {
      const gapMs = options.gapMs ?? 1000;
      const start = now();
      const sources = options.deliveries ?? [options.delivery, options.delivery];
      const signed: { prepared: Prepared; delivery: SignedDelivery; signedAt: number }[] = [];
      for (const [index, source] of sources.entries()) {
        const signedAt = seconds(start + index * gapMs);
        // Each is another event, with its own id, even when one fixed sample is given for all.
        const taken = new Set(signed.map((entry) => entry.prepared.id));
        const prepared = prepareDistinct(source, scheme, index, signedAt, taken);
        signed.push({ prepared, delivery: await sign(prepared, signedAt), signedAt });
      }
      await wait(Math.max(0, (sources.length - 1) * gapMs));
      for (const entry of signed.reverse()) await send(entry.prepared, entry.delivery, entry.signedAt, 0);
      break;
    }
    case 'stale-retry': {
      const age = options.ageSeconds ?? (scheme.toleranceSeconds ?? 300) + 60;
      const signedAt = seconds(now()) - age;
      const prepared = prepare(options.delivery, scheme, 0, signedAt);
      await send(prepared, await sign(prepared, signedAt), signedAt, 0);
      break;
    }
    default:
      throw new TypeError(`unknown scenario ${JSON.stringify(options.type)}`);
  }
  const deliveries = new Set(attempts.map((a) => a.delivery));
  const delivered = [...deliveries].every((index) =>
    attempts.some((a) => a.delivery === index && isSuccess(a.status)),
  );
  return { scenario: options.type, attempts, delivered };
}

/** Slack marks its retries (docs.slack.dev "Events API", retries); the others send nothing new. */
function retryHeaders(schemeName: string, retry: number): Record<string, string> {
  if (retry === 0 || schemeName !== 'slack') return {};
  return { 'X-Slack-Retry-Num': String(retry), 'X-Slack-Retry-Reason': 'http_error' };
}

/**
 * A delivery signed this second refused as out of its time window can only mean that the
 * receiver reads another clock than the simulator (a receiver on a fake clock simulated
 * without it, or the reverse): every attempt would then be 401 and the report meaningless.
 */
function refuseClockMismatch(report: AttemptReport, nowSeconds: number): void {
  if (report.code !== 'TIMESTAMP_OUT_OF_RANGE' || Math.abs(nowSeconds - report.signedAt) > 1) return;
  throw new Error(
    "simulate: the receiver refused a delivery signed just now as TIMESTAMP_OUT_OF_RANGE, so its clock is not the simulator's; give both the same clock: createReceiver({ clock: clock.now, store: createMemoryStore({ now: clock.now }) }) and simulate(receiver, scheme, { clock, … })",
  );
}

async function deliver(target: SimulationTarget | string, scheme: Scheme, delivery: SignedDelivery) {
  if (typeof target !== 'string') {
    const result = await target.handle({
      method: delivery.method,
      url: delivery.url,
      headers: delivery.headers,
      body: delivery.body,
    });
    return { status: result.status, body: result.body };
  }
  // The URL the sender requests: Twilio's carries the hash of a JSON body it signed.
  const response = await fetch(await toSignedUrl(scheme, target, delivery), {
    method: delivery.method,
    headers: delivery.headers,
    body: delivery.body as string | Uint8Array<ArrayBuffer>,
  });
  return { status: response.status, body: await response.text() };
}

function errorCode(body: string): { code?: string; duplicate: boolean } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return { duplicate: false };
    const { code, duplicate } = parsed as { code?: unknown; duplicate?: unknown };
    return { ...(typeof code === 'string' ? { code } : {}), duplicate: duplicate === true };
  } catch {
    return { duplicate: false };
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
