/**
 * The whole local stack in-process on free ports, and headless Debian Chromium driven by
 * playwright-core. Screenshots of the main pages go to test-results/e2e/ as artifacts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { ApplicationInput } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import { type LocalStack, startLocalStack } from '#stack/local-stack';
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

export async function startE2e(): Promise<E2eEnvironment> {
  process.env.LOG_LEVEL ??= 'WARN'; // the stack's request logs would drown the test output
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-stack-'));
  const files = mkdtempSync(join(tmpdir(), 'e2e-files-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const stack = await startLocalStack({
    dataDir,
    ports: { web: 0, api: 0, s3: 0, stepFunctions: 0, dynamodb: 0, smtp: 0 },
    consoleDir: join(ROOT, 'console', 'dist'),
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

/** A new browser session signed in as a seeded user through the dev issuer's login page. */
export async function signedIn(
  env: E2eEnvironment,
  sub: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await env.browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(env.stack.urls.portal);
  // Staff have their own issuer (their own user pool on AWS).
  const staff = SEEDED_USERS.find((u) => u.sub === sub)?.role !== 'applicant';
  await page.getByTestId(staff ? 'sign-in-staff' : 'sign-in').click();
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
