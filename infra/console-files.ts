/**
 * The deployment's own files of the console, written into the built console (`console/dist`)
 * before it is synced to the console bucket (docs/deploy.md):
 * - `config.json`, the stack output `ConsoleConfig` (the API's URL, the sign-in issuers and clients);
 * - China only: index.html with the Content-Security-Policy as a `<meta http-equiv>`, the stack
 *   output `ConsoleContentSecurityPolicy`, because CloudFront China can send no response headers
 *   of ours (infra/constructs/console-hosting.ts).
 * The local stack serves the console through `consoleDocument` too, so what it serves is what a
 * deploy uploads.
 *
 * `npm run console:files -- <outputs.json> [console/dist]`, where outputs.json is what
 * `aws cloudformation describe-stacks --stack-name IcpStateless --query 'Stacks[0].Outputs'` prints.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_CONFIG_OUTPUT = 'ConsoleConfig';
export const CONSOLE_CSP_OUTPUT = 'ConsoleContentSecurityPolicy';

const CSP_META = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i;

const attribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * index.html with `csp` as its first `<meta http-equiv>` (a policy in the page governs only what
 * comes after it, so it goes right after the charset, before any script); without `csp`, the
 * page unchanged. Any earlier policy meta is replaced, so writing twice is harmless.
 */
export function consoleDocument(indexHtml: string, csp: string | undefined): string {
  if (!csp) return indexHtml;
  const withoutOld = indexHtml.replace(CSP_META, '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(withoutOld);
  if (!charset) throw new Error('index.html has no <meta charset>: cannot place the Content-Security-Policy');
  const at = charset.index + charset[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}" />`;
  return withoutOld.slice(0, at) + meta + withoutOld.slice(at);
}

/** Stack outputs as `describe-stacks` prints them (a list) or as a plain object. */
export function outputsFrom(json: unknown): Record<string, string> {
  if (Array.isArray(json)) {
    return Object.fromEntries(
      (json as Array<{ OutputKey: string; OutputValue: string }>).map((o) => [o.OutputKey, o.OutputValue]),
    );
  }
  return json as Record<string, string>;
}

/** Writes config.json and (China) the policy into index.html under `distDir`. */
export function writeConsoleFiles(distDir: string, outputs: Record<string, string>): void {
  const config = outputs[CONSOLE_CONFIG_OUTPUT];
  if (!config)
    throw new Error(`The stack outputs have no ${CONSOLE_CONFIG_OUTPUT}: is this the stateless stack?`);
  writeFileSync(join(distDir, 'config.json'), `${JSON.stringify(JSON.parse(config), null, 2)}\n`);
  const index = join(distDir, 'index.html');
  writeFileSync(index, consoleDocument(readFileSync(index, 'utf8'), outputs[CONSOLE_CSP_OUTPUT]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outputsFile, distDir = 'console/dist'] = process.argv.slice(2);
  if (!outputsFile) {
    console.error('usage: npm run console:files -- <outputs.json> [console/dist]');
    process.exit(2);
  }
  writeConsoleFiles(distDir, outputsFrom(JSON.parse(readFileSync(outputsFile, 'utf8'))));
  console.log(`wrote ${join(distDir, 'config.json')} and ${join(distDir, 'index.html')}`);
}
