/**
 * The printable forms on A4 paper (issue 17: a printed form split its table, or left the signature
 * block alone on a second page). Each sample application's forms are printed to PDF by Chromium with
 * the console's print styles, and the PDF is read back page by page with pdf.js: every table row's
 * text is found whole on one page, and the signature block is on the page of the table's last row.
 */
import '#documents/pdfjs-node-globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationInput } from '#domain/application';
import { isPrintableForm, type PrintableForm } from '#domain/document-types';
import type { FilingType } from '#domain/filing';
import { printableForm } from '#domain/printable-forms';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';

const APPLICANT = 'applicant-zhang-wei';

/**
 * The longest form content there is: two websites, each printed in full (more are listed one row
 * each), with several domains and addresses, so the verification form runs over onto a second page.
 */
const twoLongWebsites: ApplicationInput = {
  ...SAMPLE_APPLICATIONS.foreignIndividual,
  applicant: { ...SAMPLE_APPLICATIONS.foreignIndividual.applicant, idNumber: 'C02Y11U58' },
  responsiblePerson: { ...SAMPLE_APPLICATIONS.foreignIndividual.responsiblePerson, idNumber: 'C02Y11U58' },
  websites: [
    {
      name: '艾玛的旅行笔记',
      domains: ['emma-travel.cn', 'emma-travel.com', 'emma-travel.net', 'emma-travels.cn'],
      ipAddresses: ['203.0.113.30', '203.0.113.31', '203.0.113.32'],
      serverProvince: 'SH',
      contentCategories: ['PERSONAL'],
    },
    {
      name: '艾玛的摄影与美食日记',
      domains: ['emma-photos.cn', 'emma-photos.com', 'emma-food.cn', 'emma-food.com'],
      ipAddresses: ['203.0.113.40', '203.0.113.41', '203.0.113.42'],
      serverProvince: 'SH',
      contentCategories: ['PERSONAL'],
    },
  ],
};

const APPLICATIONS = {
  'a Chinese individual': SAMPLE_APPLICATIONS.chineseIndividual,
  'a China-registered business': SAMPLE_APPLICATIONS.chineseBusiness,
  'a foreign individual': SAMPLE_APPLICATIONS.foreignIndividual,
  'a foreign individual with two long websites': twoLongWebsites,
} satisfies Record<string, ApplicationInput>;

interface CaseView {
  caseId: string;
  filingType: FilingType;
  application: Application;
  requiredDocuments: string[];
}

/** Text compared as the PDF gives it back: compatibility forms folded, no white space. */
const flat = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** The text of each page of a PDF, in drawing order. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(flat(content.items.map((item) => ('str' in item ? item.str : '')).join('')));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/** Prints the form page to A4 as the applicant's "print" does and reads the PDF's pages. */
async function printed(page: Page, portal: string, caseId: string, docType: PrintableForm) {
  await page.goto(`${portal}/#/cases/${caseId}/forms/${docType}`);
  // The page of this case's form, not the one before it (going from form to form is a hash change).
  await page
    .locator(`[data-testid="printable-form"][data-case-id="${caseId}"][data-doc-type="${docType}"]`)
    .waitFor();
  return pageTexts(new Uint8Array(await page.pdf({ format: 'A4' })));
}

describe('the printable forms on A4 paper', () => {
  let env: E2eEnvironment;
  let page: Page;
  const cases = new Map<string, CaseView>();
  beforeAll(async () => {
    env = await startE2e();
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor(APPLICANT));
    for (const [who, application] of Object.entries(APPLICATIONS)) {
      const { caseId } = await api<{ caseId: string }>('POST', '/cases', application);
      cases.set(who, await api<CaseView>('GET', `/cases/${caseId}`));
    }
    page = await signedIn(env, APPLICANT);
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each(Object.keys(APPLICATIONS))(
    'prints the forms of %s with no table row split and the signatures on the last row’s page',
    async (who) => {
      const record = cases.get(who) as CaseView;
      const forms = record.requiredDocuments.filter(isPrintableForm);
      expect(forms.length).toBeGreaterThan(0);
      for (const docType of forms) {
        const pages = await printed(page, env.stack.urls.portal, record.caseId, docType);
        const form = printableForm(docType, record);
        const rows = form.sections.flatMap((section) =>
          section.rows.map(([label, value]) => flat(label + value)),
        );
        // Each row's label and value together on one page, as often as the form has that row.
        for (const row of new Set(rows)) {
          const wanted = rows.filter((r) => r === row).length;
          const found = pages.reduce((count, text) => count + occurrences(text, row), 0);
          expect(found, `${docType}: the row "${row}" whole on one page`).toBeGreaterThanOrEqual(wanted);
        }
        const lastRow = rows.at(-1) as string;
        const lastRowPage = pages.findLastIndex((text) => text.includes(lastRow));
        for (const signature of form.signatures) {
          const signaturePage = pages.findIndex((text) => text.includes(flat(`${signature}：`)));
          expect(signaturePage, `${docType}: "${signature}" on the last row's page`).toBe(lastRowPage);
        }
        if (
          who === 'a foreign individual with two long websites' &&
          docType === 'WEBSITE_VERIFICATION_FORM'
        ) {
          // The case that breaks a page: the checks above were made across a page break.
          expect(pages.length).toBeGreaterThan(1);
          await screenshot(page, 'printable-form-two-websites');
        }
      }
    },
  );
});
