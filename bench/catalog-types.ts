/**
 * Compile-time cost of the catalogues: `tsc --extendedDiagnostics` on a file that registers 20
 * GitHub and 20 Stripe handlers through `githubEvents`/`stripeEvents`, against the same handlers
 * written with octokit's `Webhooks` and stripe-node's `Stripe.Event` (a `switch` on `type`), each
 * against the packages' built declarations as users compile them. Median over runs of the check
 * time; types and instantiations are the same every run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { envNumber, note, printVerdicts, verdict } from './lib/report.js';

const root = `${process.cwd()}/`;
const dir = `${root}node_modules/.cache/hookgate-bench/catalog-types`;
const RUNS = envNumber('BENCH_TSC_RUNS', 5);

// Twenty GitHub routes and the field each handler reads; twenty Stripe types likewise.
const GITHUB: [string, string][] = [
  ['issues.opened', 'issue.title'],
  ['issues.closed', 'issue.state'],
  ['issue_comment.created', 'comment.body'],
  ['pull_request.opened', 'pull_request.title'],
  ['pull_request.closed', 'pull_request.merged'],
  ['pull_request.synchronize', 'pull_request.head.sha'],
  ['pull_request_review.submitted', 'review.state'],
  ['push', 'after'],
  ['release.published', 'release.tag_name'],
  ['workflow_run.completed', 'workflow_run.conclusion'],
  ['workflow_job.queued', 'workflow_job.id'],
  ['check_run.completed', 'check_run.conclusion'],
  ['check_suite.completed', 'check_suite.head_sha'],
  ['installation.created', 'installation.id'],
  ['repository.created', 'repository.full_name'],
  ['star.created', 'starred_at'],
  ['fork', 'forkee.full_name'],
  ['create', 'ref'],
  ['delete', 'ref_type'],
  ['label.created', 'label.name'],
];
const STRIPE: [string, string][] = [
  ['invoice.paid', 'amount_paid'],
  ['invoice.payment_failed', 'attempt_count'],
  ['invoice.finalized', 'number'],
  ['checkout.session.completed', 'payment_status'],
  ['checkout.session.expired', 'expires_at'],
  ['customer.created', 'email'],
  ['customer.updated', 'name'],
  ['customer.deleted', 'id'],
  ['customer.subscription.created', 'status'],
  ['customer.subscription.updated', 'cancel_at_period_end'],
  ['customer.subscription.deleted', 'ended_at'],
  ['payment_intent.succeeded', 'amount_received'],
  ['payment_intent.payment_failed', 'last_payment_error'],
  ['charge.succeeded', 'paid'],
  ['charge.refunded', 'amount_refunded'],
  ['charge.dispute.created', 'reason'],
  ['payout.paid', 'arrival_date'],
  ['product.created', 'active'],
  ['price.updated', 'unit_amount'],
  ['refund.created', 'status'],
];

const catalogues = `import { createReceiver } from '@hookgate/core';
import { githubEvents } from '@hookgate/events/github';
import { stripeEvents } from '@hookgate/events/stripe';
import { github, stripe } from '@hookgate/signatures';

const gh = createReceiver({ scheme: github({ secret: 's' }), events: githubEvents });
${GITHUB.map(([route, field]) => `gh.on('${route}', (event) => event.${field});`).join('\n')}

const st = createReceiver({ scheme: stripe({ secret: 's' }), events: stripeEvents });
${STRIPE.map(([type, field]) => `st.on('${type}', (event) => event.data.object.${field});`).join('\n')}
`;

const sdks = `import { Webhooks } from '@octokit/webhooks';
import type Stripe from 'stripe';

const gh = new Webhooks({ secret: 's' });
${GITHUB.map(([route, field]) => `gh.on('${route}', ({ payload }) => payload.${field});`).join('\n')}

export function handle(event: Stripe.Event): unknown {
  switch (event.type) {
${STRIPE.map(([type, field]) => `    case '${type}':\n      return event.data.object.${field};`).join('\n')}
    default:
      return undefined;
  }
}
`;

for (const dist of ['signatures', 'core', 'events']) {
  if (
    !existsSync(`${root}packages/${dist}/dist/index.d.ts`) &&
    !existsSync(`${root}packages/${dist}/dist/github.d.ts`)
  ) {
    throw new Error(
      `packages/${dist}/dist is missing: run node scripts/build.mjs signatures core events first`,
    );
  }
}
mkdirSync(dir, { recursive: true });
const variants = { catalogues, sdks } as const;
const results: Record<string, { check: number[]; types: number; instantiations: number }> = {};
for (const [name, text] of Object.entries(variants)) {
  writeFileSync(`${dir}/${name}.ts`, text);
  writeFileSync(
    `${dir}/tsconfig.${name}.json`,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        types: [],
      },
      files: [`${name}.ts`],
    }),
  );
  results[name] = { check: [], types: 0, instantiations: 0 };
}
for (let run = 0; run < RUNS; run++) {
  for (const name of run % 2 ? ['sdks', 'catalogues'] : ['catalogues', 'sdks']) {
    let out: string;
    try {
      out = execFileSync(
        `${root}node_modules/.bin/tsc`,
        ['-p', `tsconfig.${name}.json`, '--extendedDiagnostics'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
    } catch (error) {
      throw new Error(`${name} does not type-check:\n${(error as { stdout?: string }).stdout ?? error}`);
    }
    const read = (label: string) =>
      Number(
        /^(?:\S.*?):\s+([\d.]+)/m.exec(
          out.split('\n').find((line) => line.startsWith(`${label}:`)) ?? '',
        )?.[1],
      );
    results[name]!.check.push(read('Check time'));
    results[name]!.types = read('Types');
    results[name]!.instantiations = read('Instantiations');
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(`tsc --extendedDiagnostics, 20 GitHub + 20 Stripe handlers, median of ${RUNS} runs`);
console.log('variant      check s    types   instantiations');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(11)} ${median(r.check).toFixed(2).padStart(8)} ${String(r.types).padStart(8)} ${String(r.instantiations).padStart(16)}`,
  );
}
const ratio = median(results.catalogues!.check) / median(results.sdks!.check);
verdict('catalog-types check time, catalogues / octokit Webhooks + Stripe.Event', ratio, { max: 1.5 });
note(
  'catalog-types types and instantiations, catalogues / SDKs',
  `${(results.catalogues!.types / results.sdks!.types).toFixed(2)}x types, ${(results.catalogues!.instantiations / results.sdks!.instantiations).toFixed(2)}x instantiations`,
);
printVerdicts();
