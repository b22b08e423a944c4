/**
 * Secrets from the environment, with defaults that only make sense on a developer machine.
 * Never deploy with the defaults: anyone who reads this file could sign deliveries.
 */
export interface ExampleSecrets {
  stripe: string;
  github: string;
  standard: string;
}

/** Reads `STRIPE_WEBHOOK_SECRET`, `GITHUB_WEBHOOK_SECRET` and `STANDARD_WEBHOOK_SECRET`. */
export function secretsFromEnv(env: Record<string, string | undefined> = process.env): ExampleSecrets {
  return {
    stripe: env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_development_only',
    github: env.GITHUB_WEBHOOK_SECRET ?? 'local-development-only',
    standard: env.STANDARD_WEBHOOK_SECRET ?? 'whsec_bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXk=',
  };
}
