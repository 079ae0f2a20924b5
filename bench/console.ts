/**
 * `npm run bench:console`: the console as a phone sees it. Builds the console, starts the local
 * stack on free ports, opens a case as an applicant, then runs Lighthouse (mobile profile: simulated
 * slow 4G and a 4× slower CPU) in Debian's Chromium on the landing page, the new-case form and the
 * applicant's case page, and prints the performance, accessibility and best-practices scores with
 * the first and largest contentful paints, then the JavaScript each page downloads (raw, gzip,
 * brotli). Goal: performance ≥ 95, accessibility and best practices 100 (issue 17).
 *
 * `CHROMIUM_PATH` overrides /usr/bin/chromium. Lighthouse 12.2 is pinned: later versions need Node 22.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { apiAs } from '#stack/api-client';
import { FREE_PORTS, startLocalStack } from '#stack/local-stack';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { bytesTable, pageBytes } from './console/bundle-bytes.ts';
import { type PageScores, scoresOf, scoresTable } from './console/lighthouse-scores.ts';

const ROOT = join(import.meta.dirname, '..');
const CONSOLE_DIR = join(ROOT, 'console', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const APPLICANT = 'applicant-zhang-wei';
/** Each page's full Lighthouse report (JSON), to see what costs the points. */
const REPORTS = join(ROOT, 'test-results', 'bench-console');

/** The console's session (console/src/auth.ts, `icp.session`) for an ID token of the dev issuer. */
function applicantSession(idToken: string): string {
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return JSON.stringify({
    realm: 'applicant',
    idToken,
    accessToken: idToken,
    expiresAt: claims.exp * 1000,
    subject: claims.sub,
    name: claims.name ?? claims.sub,
    email: claims.email ?? '',
    roles: ['applicant'],
  });
}

async function main() {
  process.env.LOG_LEVEL ??= 'WARN';
  console.log('Building the console…');
  await build({ configFile: join(ROOT, 'console', 'vite.config.ts'), logLevel: 'warn' });
  mkdirSync(REPORTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  console.log('Starting the local stack…');
  const stack = await startLocalStack({ dataDir, ports: FREE_PORTS, consoleDir: CONSOLE_DIR });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  try {
    const token = await stack.tokenFor(APPLICANT);
    const applicant = apiAs({ apiUrl: stack.urls.api } as Parameters<typeof apiAs>[0], token);
    const draft = await applicant<{ caseId: string }>(
      'POST',
      '/cases',
      SAMPLE_APPLICATIONS.chineseIndividual,
    );
    const portal = stack.urls.portal;
    const pages: Array<{ name: string; url: string; signedIn: boolean }> = [
      { name: 'landing', url: `${portal}/`, signedIn: false },
      { name: 'new case', url: `${portal}/#/cases/new`, signedIn: true },
      { name: 'applicant case', url: `${portal}/#/cases/${draft.caseId}`, signedIn: true },
    ];
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const results: PageScores[] = [];
    for (const page of pages) {
      console.log(`Lighthouse: ${page.name} (${page.url})`);
      const tab = await browser.newPage();
      if (page.signedIn) {
        // Signed in as the console keeps a session: in this tab's sessionStorage, before any script.
        await tab.evaluateOnNewDocument((session: string) => {
          sessionStorage.setItem('icp.session', session);
        }, applicantSession(token));
      }
      const flags: Flags = {
        port: chrome.port,
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        // The session above lives in storage, which Lighthouse would otherwise clear first.
        disableStorageReset: page.signedIn,
      };
      const result = await lighthouse(page.url, flags, undefined, tab);
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
      results.push(scoresOf(page.name, result.lhr));
      writeFileSync(
        join(REPORTS, `${page.name.replace(/\W+/g, '-')}.json`),
        JSON.stringify(result.lhr, null, 1),
      );
      await tab.close();
    }
    await browser.disconnect();
    console.log(`\nLighthouse ${results[0]?.lighthouseVersion ?? ''}, mobile profile, ${CHROMIUM}\n`);
    console.log(scoresTable(results));
    console.log(`\nFull reports: ${REPORTS}`);
    console.log('\nJavaScript downloaded per page (console/dist)\n');
    console.log(
      bytesTable(
        pageBytes(CONSOLE_DIR, {
          landing: undefined,
          'new case': 'new-case',
          'applicant case': 'applicant-case',
          'officer case (staff)': 'officer-case',
        }),
      ),
    );
  } finally {
    chrome.kill();
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
