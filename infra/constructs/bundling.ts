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
 * Nothing is external: the AWS SDK v3 clients are bundled (pinned versions, smaller cold start
 * than loading the runtime's full SDK).
 */
export const EXTERNAL_MODULES: string[] = [];

export const MINIFY = true;
export const SOURCE_MAP = false;
