/**
 * The whole local stack in-process on free ports, and headless Debian Chromium driven by
 * playwright-core. Every session records the Content-Security-Policy violations its documents
 * report and the console document it was served, so the tests can show the console works under the
 * deployed policy. Screenshots of the main pages go to test-results/e2e/ as artifacts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page, type Response } from 'playwright-core';
import type { ApplicationInput } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import type { Partition } from '#stack/assembly/template';
import { FREE_PORTS, type LocalStack, startLocalStack } from '#stack/local-stack';
import { sampleDocument } from '#stack/sample-documents';
import { SEEDED_USERS } from '#stack/seeded-users';

const ROOT = join(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'e2e');

export interface E2eEnvironment {
  stack: LocalStack;
  browser: Browser;
  files: string;
  close(): Promise<void>;
}

export async function startE2e(options: { partition?: Partition } = {}): Promise<E2eEnvironment> {
  process.env.LOG_LEVEL ??= 'WARN'; // the stack's request logs would drown the test output
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-stack-'));
  const files = mkdtempSync(join(tmpdir(), 'e2e-files-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const stack = await startLocalStack({
    dataDir,
    ports: FREE_PORTS,
    consoleDir: join(ROOT, 'console', 'dist'),
    ...(options.partition ? { partition: options.partition } : {}),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    stack,
    browser,
    files,
    async close() {
      await browser.close();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(files, { recursive: true, force: true });
    },
  };
}

/** What a browser session saw besides its pages: CSP violations and the console documents it loaded. */
interface SessionRecord {
  cspViolations: string[];
  consoleDocuments: Response[];
  responses: Response[];
}

const sessions = new WeakMap<Page, SessionRecord>();

function sessionOf(page: Page): SessionRecord {
  const record = sessions.get(page);
  if (!record) throw new Error('This page was not opened with signedIn()');
  return record;
}

/**
 * Records, from the first request on, what the tests assert about the deployed policy: every CSP
 * violation (the `securitypolicyviolation` events of every document, and Chromium's console
 * messages about refused loads), the console documents (main-frame loads from the console's
 * origin, whose headers are the policy in force), and every response.
 */
async function recordSession(page: Page, consoleOrigin: string): Promise<SessionRecord> {
  const record: SessionRecord = { cspViolations: [], consoleDocuments: [], responses: [] };
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) record.cspViolations.push(`console: ${text}`);
  });
  page.on('response', (response) => {
    record.responses.push(response);
    if (
      response.request().isNavigationRequest() &&
      response.frame() === page.mainFrame() &&
      new URL(response.url()).origin === consoleOrigin
    )
      record.consoleDocuments.push(response);
  });
  await page.exposeBinding('__e2eCspViolation', (_source, violation: string) => {
    record.cspViolations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __e2eCspViolation?: (violation: string) => void })
        .__e2eCspViolation;
      report?.(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} on ${event.documentURI}`,
      );
    });
  });
  sessions.set(page, record);
  return record;
}

/** The CSP violations reported in this session so far. */
export const cspViolations = (page: Page): readonly string[] => [...sessionOf(page).cspViolations];

/** The response that delivered the console document now shown (its headers are the policy in force). */
export function consoleDocument(page: Page): Response {
  const response = sessionOf(page).consoleDocuments.at(-1);
  if (!response) throw new Error('No console document was loaded in this session');
  return response;
}

/** The responses this session received whose URL satisfies `matches`. */
export const responsesOf = (page: Page, matches: (url: URL) => boolean): Response[] =>
  sessionOf(page).responses.filter((response) => matches(new URL(response.url())));

/** A new browser session signed in as a seeded user through the dev issuer's login page. */
export async function signedIn(
  env: E2eEnvironment,
  sub: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await env.browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await recordSession(page, new URL(env.stack.urls.portal).origin);
  await page.goto(env.stack.urls.portal);
  // Staff have their own issuer (their own user pool on AWS); in China everyone signs in at one.
  const staff = SEEDED_USERS.find((u) => u.sub === sub)?.role !== 'applicant';
  await page.getByTestId(staff && env.stack.consoleConfig.staffIssuer ? 'sign-in-staff' : 'sign-in').click();
  await page.locator(`button[value="${sub}"]`).click();
  await page.getByTestId('user-name').waitFor();
  return page;
}

/** Writes a sample file for `docType` to disk (the browser uploads real files) and returns its path. */
export function sampleFileOnDisk(
  env: E2eEnvironment,
  docType: DocumentType,
  application: ApplicationInput,
): string {
  const file = sampleDocument(docType, application);
  const path = join(env.files, file.fileName);
  writeFileSync(path, file.bytes);
  return path;
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
