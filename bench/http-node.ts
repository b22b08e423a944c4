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
import { createNodeHandler } from '@hookgate/core/node';
import { createNodeMiddleware, Webhooks } from '@octokit/webhooks';
import { bareGithubListener } from './lib/bare.js';
import { githubDeliveries, SECRETS } from './lib/deliveries.js';
import {
  type HttpVariant,
  printHttpFigures,
  reportDedupFloor,
  roundRatio,
  runHttpFigure,
  validity,
} from './lib/http.js';
import { countHandled, githubReceiver } from './lib/receivers.js';
import { note, printVerdicts, verdict } from './lib/report.js';

const PATH = '/webhooks';
const BARE = 'node:http bare (read + HMAC + JSON.parse)';
const HOOKGATE = 'node:http + hookgate createNodeHandler';
const HOOKGATE_ZOD = 'node:http + hookgate, zod-validated';

/** The Node layer every Node adapter shares: size and time limits, public URL, connection policy. */
function hookgateServer(validation: 'zod' | 'none') {
  return createServer(createNodeHandler(githubReceiver({ validation }))).listen(0, '127.0.0.1');
}
const OCTOKIT = '@octokit/webhooks createNodeMiddleware';

/** The bare server; with `dedup`, it also claims and completes each delivery in hookgate's memory store. */
function bareServer(dedup: boolean) {
  return createServer(bareGithubListener(dedup ? createMemoryStore() : undefined)).listen(0, '127.0.0.1');
}

const variants: HttpVariant[] = [
  { name: BARE, listen: () => bareServer(false) },
  { name: HOOKGATE, listen: () => hookgateServer('none') },
  {
    name: OCTOKIT,
    listen: () => {
      const webhooks = new Webhooks({ secret: SECRETS.github });
      webhooks.on('push', () => {
        countHandled();
      });
      return createServer(createNodeMiddleware(webhooks, { path: PATH })).listen(0, '127.0.0.1');
    },
  },
  { name: HOOKGATE_ZOD, listen: () => hookgateServer('zod') },
  { name: `${BARE} + de-dup`, listen: () => bareServer(true) },
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
