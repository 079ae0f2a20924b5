/**
 * The one set of esbuild options for every handler: NodejsFunction uses them for `cdk synth`, and
 * `npm run bundle-report` passes the same values to esbuild's API to measure each bundle.
 */

/** ESM bundles still meet CommonJS dependencies that call `require`; give them one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __icpCreateRequire } from 'node:module'; const require = __icpCreateRequire(import.meta.url);";

export const BUNDLE_TARGET = 'node22';

/** Prefer ESM entry points of dependencies (tree-shaking), fall back to CommonJS. */
export const MAIN_FIELDS = ['module', 'main'];

/**
 * The AWS SDK v3 clients are bundled (pinned versions, smaller cold start than loading the
 * runtime's full SDK). Left out is only the email transport the partition never uses (the senders
 * and the SMTP secret's client are imported lazily, see functions/adapters/email/email-from-config.ts): global regions send
 * through SES, so nodemailer stays out; the China partition has no SES, so its client stays out.
 */
export function externalModules(partition: 'aws' | 'aws-cn'): string[] {
  // SMTP credentials come from Secrets Manager, so its client goes with nodemailer.
  return partition === 'aws-cn'
    ? ['@aws-sdk/client-sesv2']
    : ['nodemailer', '@aws-sdk/client-secrets-manager'];
}

/**
 * Modules swapped for smaller ones in Lambda bundles only (esbuild `alias`): the SDK's credential
 * chain becomes the environment provider, which is where Lambda puts the role's credentials.
 */
export function lambdaAliases(projectRoot: string): Record<string, string> {
  return {
    '@aws-sdk/credential-provider-node': `${projectRoot}/functions/adapters/lambda-credentials.ts`,
  };
}

export const MINIFY = true;
export const SOURCE_MAP = false;
