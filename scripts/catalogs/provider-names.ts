import { literalUnion } from './literal-union.js';
import { banner, type SOURCES } from './sources.js';

interface NamesModule {
  /** The generated file, under packages/events/src/generated. */
  file: string;
  source: keyof typeof SOURCES;
  imports: string;
  expression: string;
  exportName: string;
  summary: string;
}

const MODULES: NamesModule[] = [
  {
    file: 'stripe-names.ts',
    source: 'stripe',
    imports: "import type Stripe from 'stripe';",
    expression: "Stripe.Event['type']",
    exportName: 'stripeEventNames',
    summary: "Every `type` of stripe-node's `Stripe.Event` union, sorted.",
  },
  {
    file: 'slack-names.ts',
    source: '@slack/types',
    imports: "import type { SlackEvent } from '@slack/types';",
    expression: "SlackEvent['type']",
    exportName: 'slackEventNames',
    summary: "Every `type` of @slack/types' `SlackEvent` union (Events API), sorted.",
  },
  {
    file: 'discord-names.ts',
    source: 'discord-api-types',
    imports: "import type { ApplicationWebhookEventType } from 'discord-api-types/v10';",
    // A template literal type: the enum's string values rather than its member names.
    expression: `\`\${ApplicationWebhookEventType}\``,
    exportName: 'discordWebhookEventNames',
    summary: "Every value of discord-api-types' `ApplicationWebhookEventType` (Webhook Events), sorted.",
  },
];

/** The runtime lists of event names, read from the providers' type declarations. */
export function providerNameModules(fromDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const module of MODULES) {
    const names = literalUnion(module.imports, module.expression, fromDir);
    files.set(
      module.file,
      `${banner(module.source)}\n/** ${module.summary} */\nexport const ${module.exportName} = ${JSON.stringify(names)} as const;\n`,
    );
  }
  return files;
}
