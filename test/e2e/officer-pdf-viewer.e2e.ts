/**
 * An officer reads an applicant's PDF in the console's own viewer (pdf.js), page by page, with
 * thumbnails and zoom, under the deployed Content-Security-Policy; the file is downloaded once
 * however often the case page is opened again in the tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import {
  cspViolations,
  type E2eEnvironment,
  responsesOf,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';
import { caseInReview, previewedDocuments } from './previews.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const { image, docTypes } = previewedDocuments(application);
// A form: two pages, the signature on the second (local/stack/sample-documents.ts).
const pdf = 'WEBSITE_VERIFICATION_FORM';

const renderedPage = (officer: Page) =>
  officer.getByTestId(`viewer-${pdf}-canvas`).getAttribute('data-rendered-page');
const canvasWidth = (officer: Page) =>
  officer.getByTestId(`viewer-${pdf}-canvas`).evaluate((el: HTMLCanvasElement) => el.clientWidth);

describe('the officer’s document viewer', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has the form among the case’s documents', () => {
    expect(docTypes).toContain(pdf);
  });

  it('reads a two-page PDF page by page, by thumbnail, zoomed, and fetches it once', async () => {
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    const caseId = await caseInReview(api, application);
    const officer = await signedIn(env, 'officer-wang-fang');
    await officer.goto(`${env.stack.urls.portal}/#/officer/cases/${caseId}`);
    const viewer = officer.getByTestId(`viewer-${pdf}`);
    await viewer.scrollIntoViewIfNeeded();
    await expect.poll(() => renderedPage(officer), { timeout: 30_000 }).toBe('1');
    expect(await viewer.getAttribute('data-pages')).toBe('2');
    expect(await officer.getByTestId(`viewer-${pdf}-prev`).isDisabled()).toBe(true);

    await officer.getByTestId(`viewer-${pdf}-next`).click();
    await expect.poll(() => renderedPage(officer)).toBe('2');
    expect(await viewer.getAttribute('data-page')).toBe('2');
    expect(await officer.getByTestId(`viewer-${pdf}-next`).isDisabled()).toBe(true);
    await screenshot(officer, 'officer-pdf-viewer-page-2');

    await officer.getByTestId(`viewer-${pdf}-thumb-1`).click();
    await expect.poll(() => renderedPage(officer)).toBe('1');

    const fitted = await canvasWidth(officer);
    await officer.getByTestId(`viewer-${pdf}-zoom-in`).click();
    expect(await officer.getByTestId(`viewer-${pdf}-zoom`).getAttribute('data-zoom')).toBe('1.25');
    await expect.poll(() => canvasWidth(officer)).toBeGreaterThan(fitted);

    // Images zoom too.
    await officer.getByTestId(`viewer-${image}-zoom-in`).click();
    expect(await officer.getByTestId(`viewer-${image}-zoom`).getAttribute('data-zoom')).toBe('1.25');

    // Away to the queue and back: the case is read again with fresh links, the PDF is not.
    await officer.goto(`${env.stack.urls.portal}/#/officer`);
    await officer.getByTestId('queue-table').waitFor();
    await officer.goto(`${env.stack.urls.portal}/#/officer/cases/${caseId}`);
    await officer.getByTestId(`viewer-${pdf}`).scrollIntoViewIfNeeded();
    await expect.poll(() => renderedPage(officer), { timeout: 30_000 }).toBe('1');
    const bucket = new URL(env.stack.urls.s3).origin;
    const pdfFetches = responsesOf(
      officer,
      (u) => u.origin === bucket && u.pathname.includes(`/${pdf}/`) && u.searchParams.has('X-Amz-Signature'),
    ).filter((r) => r.request().method() === 'GET');
    expect(pdfFetches).toHaveLength(1);
    expect(cspViolations(officer)).toEqual([]);
  });
});
