/**
 * Figure: a plain `node:http` server with `createNodeHandler(receiver)` from `@hookgate/core/node`
 * (the layer under every Node adapter: body read under size and time limits, public URL,
 * `receiver.handle`, the answer written; GitHub scheme, memory store,
 * `push` typed with `unchecked<T>()`, no-op handler), against the bare node:http floor (read
 * the body, HMAC + constant-time compare, JSON.parse) and against @octokit/webhooks'
 * `createNodeMiddleware` (verify, parse, dispatch to a no-op `push` handler; no validation
 * either), on the same stream of 2 KiB GitHub push deliveries, each with a new delivery id
 * and body. A fourth variant validates `push` with zod, to show what validation adds; a fifth
 * is the floor plus de-duplication in hookgate's memory store, what the floor lacks of hookgate's work.
 *
 * Targets: hookgate (without validation, the floor's work) ≥ 0.9× the bare floor and ≥ 1.3× octokit.
 * Knobs: BENCH_HTTP_ROUNDS (5), BENCH_HTTP_SECONDS (3), BENCH_HTTP_WARMUP (2), BENCH_HTTP_CONNECTIONS (50).
 */
import { createServer } from 'node:http';
import { createMemoryStore } from '@hookgate/core';
import { hookgateNodeListener, octokitListener, PATH, type RequestListener } from './lib/apps.js';
import { bareGithubListener } from './lib/bare.js';
import { githubDeliveries } from './lib/deliveries.js';
import {
  type HttpVariant,
  printHttpFigures,
  reportDedupFloor,
  roundRatio,
  runHttpFigure,
  validity,
} from './lib/http.js';
import { note, printVerdicts, verdict } from './lib/report.js';

const BARE = 'node:http bare (read + HMAC + JSON.parse)';

function listen(listener: RequestListener) {
  return createServer(listener).listen(0, '127.0.0.1');
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => listen(bareGithubListener()) },
  { name: 'node:http + hookgate createNodeHandler', listen: () => listen(hookgateNodeListener('none')) },
  { name: '@octokit/webhooks createNodeMiddleware', listen: () => listen(octokitListener()) },
  { name: 'node:http + hookgate, zod-validated', listen: () => listen(hookgateNodeListener('zod')) },
  // The floor claiming and completing each delivery in hookgate's memory store.
  { name: `${BARE} + de-dup`, listen: () => listen(bareGithubListener(createMemoryStore())) },
];

const figures = await runHttpFigure({
  variants,
  baseline: BARE,
  path: PATH,
  deliveries: () => githubDeliveries({ size: 2048 }),
});
if (figures) {
  const title = 'node:http, 2 KiB GitHub push deliveries';
  printHttpFigures(title, figures);
  const [, ours, octokit, withZod, floorWithDedup] = figures as [
    (typeof figures)[0],
    (typeof figures)[0],
    (typeof figures)[0],
    (typeof figures)[0],
    (typeof figures)[0],
  ];
  verdict(`${title}: hookgate to bare node:http`, ours.ratio, { min: 0.9 }, validity(ours));
  verdict(
    `${title}: hookgate to octokit createNodeMiddleware`,
    roundRatio(ours, octokit),
    { min: 1.3 },
    validity(octokit),
  );
  note(
    `${title}: hookgate with zod validation`,
    `${withZod.ratio.toFixed(2)}x bare node:http, ${roundRatio(withZod, octokit).toFixed(2)}x octokit (information: neither validates) ${validity(withZod)}`,
  );
  reportDedupFloor(title, 'bare node:http', ours, floorWithDedup);
  printVerdicts();
}
