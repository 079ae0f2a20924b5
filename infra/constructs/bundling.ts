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
 * runtime's full SDK). A bundle may leave out only packages the `nodejs22.x` runtime has (the AWS
 * SDK v3): anything else it imports fails at load with Runtime.ImportModuleError, and esbuild hoists
 * an external package's import to the top of the bundle even when only a lazily imported module uses
 * it (test/infra/assets-load.test.ts loads every synthesized asset in a runtime-like sandbox).
 *
 * Each partition carries one email transport (the senders are imported lazily, see
 * functions/adapters/email/email-from-config.ts): global regions send through SES, so the SES client
 * is bundled and nodemailer's SMTP client is swapped for a module that says so (`lambdaAliases`);
 * the China partition has no SES, so it bundles nodemailer and leaves the SES client to the runtime.
 * The Secrets Manager client (SMTP credentials in China, the API's entity key) makes one call per
 * container; global leaves it to the runtime rather than carry it, China bundles it.
 */
export function externalModules(partition: 'aws' | 'aws-cn'): string[] {
  return partition === 'aws-cn' ? ['@aws-sdk/client-sesv2'] : ['@aws-sdk/client-secrets-manager'];
}

/**
 * Modules swapped for others in Lambda bundles only (esbuild `alias`; the local stack and tests
 * running the TypeScript keep the originals):
 * - the SDK's credential chain becomes the environment provider, which is where Lambda puts the
 *   role's credentials (functions/adapters/lambda-credentials.ts);
 * - in global regions, nodemailer's SMTP client becomes a module that throws a clear error when the
 *   SMTP sender is first loaded. Bundling nodemailer there instead was measured (esbuild, minified,
 *   SDK clients included, `npm run bundle-report`): +46.9 KB per emailing function, e.g.
 *   tasks/issue-number 473.1 -> 520.1 KB, tasks/send-reminder 470.1 -> 517.2 KB (budget 500 KB),
 *   events/on-upload 1198.2 -> 1245.3 KB (budget 1250 KB), for a transport global never uses.
 */
export function lambdaAliases(projectRoot: string, partition: 'aws' | 'aws-cn'): Record<string, string> {
  return {
    '@aws-sdk/credential-provider-node': `${projectRoot}/functions/adapters/lambda-credentials.ts`,
    ...(partition === 'aws'
      ? { 'nodemailer/lib/smtp-connection': `${projectRoot}/functions/adapters/email/smtp-not-bundled.ts` }
      : {}),
  };
}

export const MINIFY = true;
export const SOURCE_MAP = false;
