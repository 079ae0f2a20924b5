/**
 * Defects of the applicant's pages seen on screen (issue 17): the officer's return reason listed as an
 * automated finding and a note for staff ("will be checked by hand") shown as a reason; the drop zone
 * still saying "checking" after a refusal; the empty form leaving out the empty website name; a
 * reload losing everything typed in the form.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { cspViolations, type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';
import { caseInReview } from './previews.ts';

const FORM = 'WEBSITE_VERIFICATION_FORM';

/** The form drafts this tab keeps (console/src/form-drafts.ts). */
const draftsIn = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('icp.form-draft:')));

describe('the applicant’s pages after a return and a refusal, and the new-case form', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists the officer’s reason under its own heading, hides staff notes, and shows a refusal in the drop zone', async () => {
    const application = SAMPLE_APPLICATIONS.chineseBusiness;
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-lanting-tech'));
    const caseId = await caseInReview(api, application);
    // What the automatic check records for a scan without text (functions/documents/findings.ts):
    // a note for the officer, on the form the officer is about to return.
    await env.stack.store.modifyCase(caseId, (current) => {
      const form = current.documents[FORM];
      if (!form) throw new Error('no verification form');
      form.findings.push({
        code: 'MANUAL_CHECK_NEEDED',
        severity: 'WARNING',
        message: 'Website Verification Form is an image or a scan without text; an officer will read it.',
        messageZh: '网站备案信息真实性核验单为图片或扫描件，将由审核人员人工核对。',
      });
      return current;
    });
    const officer = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('officer-chen-jing'));
    await officer('POST', `/officer/cases/${caseId}/review`, {
      decision: 'RETURN',
      documents: [
        {
          docType: FORM,
          reason: {
            code: 'NOT_SIGNED',
            message: 'Not signed: sign the document by hand where indicated and upload it again.',
            messageZh: '缺少签字：请在指定位置手写签字后重新上传。',
          },
        },
      ],
    });
    await waitUntil(
      () => api<{ documents: Record<string, { status: string }> }>('GET', `/cases/${caseId}`),
      (c) => c.documents[FORM]?.status === 'REJECTED_BY_OFFICER',
      'the return',
    );

    const page = await signedIn(env, 'applicant-lanting-tech', { width: 390, height: 844 });
    await page.goto(`${env.stack.urls.portal}/#/cases/${caseId}`);
    await page.locator(`[data-testid="doc-${FORM}"][data-status="REJECTED_BY_OFFICER"]`).waitFor();
    const officerReasons = page.getByTestId(`doc-reasons-officer-${FORM}`);
    await expect(officerReasons.getByRole('heading').textContent()).resolves.toBe('审核人员退回原因');
    await expect(officerReasons.textContent()).resolves.toContain('缺少签字');
    expect(await page.getByTestId(`doc-reasons-automated-${FORM}`).count()).toBe(0);
    expect(await page.getByTestId('applicant-case').textContent()).not.toContain('人工核对');
    await screenshot(page, 'applicant-officer-return-reason');

    // A file nothing can read, sent as the returned form: refused, and the drop zone says so.
    const unreadable = join(env.files, 'verification-form.pdf');
    writeFileSync(unreadable, new Uint8Array(4096).fill(7));
    await page.getByTestId(`upload-input-${FORM}`).setInputFiles(unreadable);
    const status = page.locator(`[data-testid="upload-status-${FORM}"][data-verdict="refused"]`);
    await status.waitFor({ timeout: 60_000 });
    const refusal = (await status.textContent()) ?? '';
    expect(refusal).toContain('未通过自动检查');
    expect(refusal).not.toContain('正在自动检查');
    // The reason names the formats this document takes: a form is a PDF, not an image.
    expect(refusal).toContain('PDF');
    expect(refusal).not.toContain('JPEG');
    await expect(
      page.getByTestId(`doc-reasons-automated-${FORM}`).getByRole('heading').textContent(),
    ).resolves.toBe('自动检查结果');
    expect(await page.getByTestId(`doc-${FORM}`).getAttribute('data-status')).toBe('INVALID');
    await screenshot(page, 'applicant-upload-refused');
    expect(cspViolations(page)).toEqual([]);
  });

  it('shows every problem of the empty form at once, the empty website name included', async () => {
    const page = await signedIn(env, 'applicant-zhang-wei');
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('new-case-form').waitFor();
    await page.getByTestId('create-case').click();
    await page.getByTestId('form-errors').waitFor();
    await page.getByTestId('error-websites.0.name').waitFor();
    await page.getByTestId('error-applicant.name').waitFor();
    await page.getByTestId('error-responsiblePerson.mobile').waitFor();
    await expect(page.getByTestId('form-errors').textContent()).resolves.toContain('网站名称');
    await page.close();
  });

  it('keeps what was typed across a reload, and forgets it once the case is created and on sign-out', async () => {
    const application = SAMPLE_APPLICATIONS.chineseIndividual;
    const site = application.websites[0];
    if (!site) throw new Error('no website');
    const page = await signedIn(env, 'applicant-zhang-wei');
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('new-case-form').waitFor();
    await page.getByTestId('field-applicant.name').fill(application.applicant.name);
    await page.getByTestId('field-applicant.idNumber').fill(application.applicant.idNumber);
    await page.getByTestId('field-applicant.province').selectOption('BJ');
    await page.getByTestId('field-websites.0.name').fill(site.name);
    await page.getByTestId('field-websites.0.contentCategories-PERSONAL').check();

    await page.reload();
    await page.getByTestId('new-case-form').waitFor();
    expect(await page.getByTestId('field-applicant.name').inputValue()).toBe(application.applicant.name);
    expect(await page.getByTestId('field-applicant.idNumber').inputValue()).toBe(
      application.applicant.idNumber,
    );
    expect(await page.getByTestId('field-applicant.province').inputValue()).toBe('BJ');
    expect(await page.getByTestId('field-websites.0.name').inputValue()).toBe(site.name);
    expect(await page.getByTestId('field-websites.0.contentCategories-PERSONAL').isChecked()).toBe(true);
    // In this tab's sessionStorage only: nothing of the form in localStorage.
    expect(await draftsIn(page)).toHaveLength(1);
    const idNumber = application.applicant.idNumber;
    expect(
      await page.evaluate((id) => Object.values(localStorage).some((v) => v.includes(id)), idNumber),
    ).toBe(false);

    await page.getByTestId('field-applicant.address').fill(application.applicant.address);
    await page.getByTestId('field-websites.0.domains').fill(site.domains.join('\n'));
    await page.getByTestId('field-websites.0.ipAddresses').fill(site.ipAddresses.join('\n'));
    await page.getByTestId('field-websites.0.serverProvince').selectOption('BJ');
    await page.getByTestId('copy-from-applicant').click();
    await page.getByTestId('field-responsiblePerson.mobile').fill(application.responsiblePerson.mobile);
    await page.getByTestId('field-responsiblePerson.email').fill(application.responsiblePerson.email);
    await page.getByTestId('field-responsiblePerson.emergencyContact.name').fill('张丽');
    await page.getByTestId('field-responsiblePerson.emergencyContact.mobile').fill('13912345678');
    await page.getByTestId('create-case').click();
    await page.getByTestId('applicant-case').waitFor();
    expect(await draftsIn(page)).toEqual([]);

    // A new form starts empty; something typed is gone once the applicant signs out.
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('new-case-form').waitFor();
    expect(await page.getByTestId('field-applicant.name').inputValue()).toBe('');
    await page.getByTestId('field-applicant.name').fill('李娜');
    await expect.poll(() => draftsIn(page)).toHaveLength(1);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await draftsIn(page)).toEqual([]);
    await page.close();
  });
});
