/**
 * What the officer's review page must show under the deployed Content-Security-Policy: document
 * previews from the uploads bucket, an image in a zoomable <img> and a PDF drawn by the pdf.js viewer.
 */
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { applicationSchema } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import { requiredDocuments } from '#domain/required-documents';
import { type apiAs, uploadSampleDocuments, waitUntil } from '#stack/api-client';
import { sampleDocument } from '#stack/sample-documents';
import { type E2eEnvironment, responsesOf } from './browser.ts';

/** A policy's directives by name, each with its sources. */
/**
 * The documents `application` needs, and one of them of each kind the officer previews: the ID card
 * scans are PNGs (an <img>), the forms PDFs (an <iframe>).
 */
export function previewedDocuments(application: ApplicationInput) {
  const docTypes = requiredDocuments(applicationSchema().parse(application));
  const of = (contentType: string) => {
    const found = docTypes.find((d) => sampleDocument(d, application).contentType === contentType);
    if (!found) throw new Error(`The sample application needs a ${contentType} document`);
    return found;
  };
  return { docTypes, image: of('image/png'), pdf: of('application/pdf') };
}

export function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Waits until this session has received the response for `url` (an exact presigned URL). */
async function responseFor(page: Page, url: string) {
  const href = new URL(url).href;
  await expect
    .poll(() => responsesOf(page, (u) => u.href === href).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const [response] = responsesOf(page, (u) => u.href === href);
  if (!response) throw new Error(`No response for ${url}`);
  return response;
}

/**
 * The officer sees an image document in an <img> and a PDF drawn by the console's pdf.js viewer,
 * both from the preview link on the bucket's origin, served inline with the type found in the file's
 * content; the download link of each is signed as an attachment.
 */
export async function expectPreviewsShown(
  env: E2eEnvironment,
  page: Page,
  image: DocumentType,
  pdf: DocumentType,
) {
  const bucket = new URL(env.stack.urls.s3).origin;

  const img = page.getByTestId(`viewer-${image}`).locator('img');
  await img.scrollIntoViewIfNeeded(); // the previews load lazily
  const imageUrl = (await img.getAttribute('src')) as string;
  expect(new URL(imageUrl).origin).toBe(bucket);
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  const imageResponse = await responseFor(page, imageUrl);
  expect(imageResponse.status()).toBe(200);
  expect((await imageResponse.allHeaders())['content-type']).toBe('image/png');

  const canvas = page.getByTestId(`viewer-${pdf}-canvas`);
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(() => canvas.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('1');
  const pdfResponses = responsesOf(page, (u) => u.origin === bucket && u.pathname.includes(`/${pdf}/`));
  expect(pdfResponses.length).toBeGreaterThan(0);
  const pdfHeaders = await (pdfResponses[0] as Response).allHeaders();
  expect(pdfHeaders['content-type']).toBe('application/pdf');
  expect(pdfHeaders['content-disposition']).toMatch(/^inline\b/);

  const download = new URL((await page.getByTestId(`download-${pdf}`).getAttribute('href')) as string);
  expect(download.origin).toBe(bucket);
  expect(download.searchParams.get('response-content-disposition')).toBe('attachment');
}

/**
 * A case of `application` waiting in the officers' review, reached through the API (the browser
 * test of the form covers the form): every required document uploaded and found valid, submitted.
 */
export async function caseInReview(
  api: ReturnType<typeof apiAs>,
  application: ApplicationInput,
): Promise<string> {
  const { docTypes } = previewedDocuments(application);
  const draft = await api<{ caseId: string }>('POST', '/cases', application);
  await uploadSampleDocuments(api, draft.caseId, application, docTypes);
  await waitUntil(
    () => api<{ documents: Record<string, { status: string }> }>('GET', `/cases/${draft.caseId}`),
    (c) => Object.values(c.documents).filter((d) => d.status === 'VALID').length === docTypes.length,
    'inspections',
  );
  await api('POST', `/cases/${draft.caseId}/submit`);
  await waitUntil(
    () => api<{ currentStep?: string }>('GET', `/cases/${draft.caseId}`),
    (c) => c.currentStep === 'REVIEW',
    'review',
  );
  return draft.caseId;
}
