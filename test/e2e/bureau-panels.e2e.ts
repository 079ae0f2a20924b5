import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { apiAs, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { sampleDocument } from '#stack/sample-documents';
import { attendInPerson } from './api-steps.ts';
import {
  cspViolations,
  type E2eEnvironment,
  sampleFileOnDisk,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';
import { caseInReview } from './previews.ts';

const business = SAMPLE_APPLICATIONS.chineseBusiness;
const APPLICANT = 'applicant-lanting-tech';
const OFFICER = 'officer-chen-jing'; // the Shanghai office's officer: the company is in Shanghai
const GENERAL_NUMBER = '沪ICP备2026055555号';
const RETURNED = 'WEBSITE_VERIFICATION_FORM';

interface CaseState {
  caseId: string;
  status: string;
  currentStep?: string;
  documents: Record<string, { status: string }>;
}

/** Opens the officer's case page and waits until the workflow is parked on `step` (reloading meanwhile). */
async function officerAt(page: Page, portal: string, caseId: string, step: string) {
  const url = `${portal}/#/officer/cases/${caseId}`;
  if (page.url() !== url) await page.goto(url);
  for (let attempt = 0; attempt < 60; attempt++) {
    await page.getByTestId('officer-case').waitFor();
    if ((await page.getByTestId('officer-case').getAttribute('data-step')) === step) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  await screenshot(page, `bureau-panels-never-reached-${step.toLowerCase()}`);
  throw new Error(`The case never reached ${step}`);
}

describe('the bureau’s panels and the provider’s documents, in the browser', () => {
  let env: E2eEnvironment;
  let applicantApi: ReturnType<typeof apiAs>;
  let officerApi: ReturnType<typeof apiAs>;
  beforeAll(async () => {
    env = await startE2e();
    applicantApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor(APPLICANT));
    officerApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor(OFFICER));
  });
  afterAll(async () => {
    await env?.close();
  });

  const read = (caseId: string) => () => applicantApi<CaseState>('GET', `/cases/${caseId}`);
  const waitStep = (caseId: string, step: string) =>
    waitUntil(read(caseId), (c) => c.currentStep === step, step, 60);

  /** Takes the case through whatever officer steps remain, by the API, to the bureau's approval. */
  async function approveThroughApi(caseId: string, icpNumber: string) {
    for (let i = 0; i < 12; i++) {
      const c = await waitUntil(
        read(caseId),
        (s) => Boolean(s.currentStep) || s.status === 'APPROVED',
        'a step',
        60,
      );
      if (c.status === 'APPROVED') return;
      const step = c.currentStep as string;
      const path = `/officer/cases/${caseId}`;
      if (step === 'REVIEW') await officerApi('POST', `${path}/review`, { decision: 'APPROVE' });
      else if (step === 'APPOINTMENT') await attendInPerson(officerApi, applicantApi, caseId, 'SH', 60);
      else if (step === 'VERIFICATION')
        await officerApi('POST', `${path}/verification`, { outcome: 'PRESENT' });
      else if (step === 'BUREAU_SUBMISSION')
        await officerApi('POST', `${path}/bureau-submission`, { submittedAt: new Date().toISOString() });
      else if (step === 'SMS_VERIFICATION')
        await officerApi('POST', `${path}/sms-verification`, { outcome: 'COMPLETED' });
      else if (step === 'BUREAU_DECISION')
        await officerApi('POST', `${path}/bureau-decision`, { decision: 'APPROVE', icpNumber });
      else throw new Error(`No officer step to take at ${step}`);
      await waitUntil(read(caseId), (s) => s.currentStep !== step, `leaving ${step}`, 60);
    }
    throw new Error('The case was not approved');
  }

  it('records the SMS check and returns the filing naming a document; the applicant sees a return, not a rejection, and uploads it again', async () => {
    // To the SMS step through the API (the other browser tests cover the form, the review, the visit).
    const caseId = await caseInReview(applicantApi, business);
    await officerApi('POST', `/officer/cases/${caseId}/review`, { decision: 'APPROVE' });
    await attendInPerson(officerApi, applicantApi, caseId, 'SH', 60);
    await waitStep(caseId, 'BUREAU_SUBMISSION');
    await officerApi('POST', `/officer/cases/${caseId}/bureau-submission`, {
      submittedAt: new Date().toISOString(),
    });

    // The officer records the SMS check in its panel, within its window.
    const officer = await signedIn(env, OFFICER);
    const portal = env.stack.urls.portal;
    await officerAt(officer, portal, caseId, 'SMS_VERIFICATION');
    await officer.getByTestId('sms-window').waitFor();
    await screenshot(officer, 'officer-sms-panel');
    await officer.getByTestId('sms-record').click();
    await officerAt(officer, portal, caseId, 'BUREAU_DECISION');
    await expect(officer.getByTestId('sms-done').textContent()).resolves.toContain('✓');

    // The bureau returns the filing: the verification form is not signed.
    await officer.getByTestId('bureau-return').locator('summary').click();
    await officer.getByTestId('return-target').selectOption(RETURNED);
    await officer.getByTestId('return-zh').fill('核验单未签字。');
    await officer.getByTestId('return-en').fill('The verification form is not signed.');
    await screenshot(officer, 'officer-bureau-return');
    await officer.getByTestId('bureau-return-submit').click();
    await officer.getByTestId('decision-sent').waitFor();
    await waitUntil(read(caseId), (c) => c.status === 'AWAITING_DOCUMENTS', 'the return', 60);

    // The applicant sees the return (not a rejection), with what to correct, and uploads that file again.
    const applicant = await signedIn(env, APPLICANT);
    await applicant.goto(`${portal}/#/cases/${caseId}`);
    const returns = applicant.getByTestId('bureau-returns');
    await returns.waitFor();
    const returnsText = (await returns.textContent()) ?? '';
    expect(returnsText).toContain('核验单未签字');
    expect(returnsText).toContain('请重新上传');
    expect(await applicant.getByTestId('case-status').textContent()).not.toMatch(/驳回|未通过/);
    await applicant.waitForFunction(
      (docType) =>
        document.querySelector(`[data-testid="doc-${docType}"]`)?.getAttribute('data-status') ===
        'REJECTED_BY_OFFICER',
      RETURNED,
      { timeout: 60_000 },
    );
    await screenshot(applicant, 'applicant-bureau-return');
    await applicant
      .getByTestId(`upload-input-${RETURNED}`)
      .setInputFiles(sampleFileOnDisk(env, RETURNED, business));
    await applicant.waitForFunction(
      (docType) =>
        document.querySelector(`[data-testid="doc-${docType}"]`)?.getAttribute('data-status') === 'VALID',
      RETURNED,
      { timeout: 60_000 },
    );
    // The workflow takes the corrected filing on: no longer waiting on the applicant.
    const resumed = await waitUntil(
      read(caseId),
      (c) => c.status !== 'AWAITING_DOCUMENTS',
      'resubmission',
      60,
    );
    expect(['CROSS_CHECKING', 'UNDER_REVIEW', 'READY_FOR_BUREAU', 'AT_BUREAU']).toContain(resumed.status);
    const audit = await env.stack.store.listAudit(caseId);
    expect(
      audit.find((e) => e.action === 'STEP_DECIDED' && e.detail?.step === 'SMS_VERIFICATION')?.actor,
    ).toMatchObject({
      subject: OFFICER,
    });

    // The company's general filing is approved (through the API): the licence below builds on it.
    await approveThroughApi(caseId, `${GENERAL_NUMBER}-1`);
    expect(cspViolations(officer)).toEqual([]);
    expect(cspViolations(applicant)).toEqual([]);
  });

  it('lets the officer attach the provider’s licence to a commercial case, and the applicant download it as an attachment', async () => {
    const commercial: ApplicationInput = {
      ...business,
      filingType: 'COMMERCIAL',
      commercial: {
        generalIcpNumber: GENERAL_NUMBER,
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
        staffWithSocialInsurance: 12,
      },
    };
    const caseId = await caseInReview(applicantApi, commercial);
    await officerApi('POST', `/officer/cases/${caseId}/review`, { decision: 'APPROVE' });
    await waitStep(caseId, 'LICENCE_REVIEW');

    // The officer attaches our telecom licence, a PDF, on the case page.
    const licence = sampleDocument('COMMERCIAL_LICENCE_APPLICATION', commercial);
    const file = join(env.files, 'our-idc-licence.pdf');
    writeFileSync(file, licence.bytes);
    const officer = await signedIn(env, OFFICER);
    await officerAt(officer, env.stack.urls.portal, caseId, 'LICENCE_REVIEW');
    const panel = officer.getByTestId('provider-documents-panel');
    await panel.waitFor();
    await officer.getByTestId('provider-document-kind').selectOption('TELECOM_LICENCE');
    await officer.getByTestId('provider-document-file').setInputFiles(file);
    await officer.getByTestId('provider-document-TELECOM_LICENCE').waitFor({ timeout: 30_000 });
    await screenshot(officer, 'officer-provider-documents');
    const audit = await env.stack.store.listAudit(caseId);
    expect(audit.find((e) => e.action === 'PROVIDER_DOCUMENT_ATTACHED')).toMatchObject({
      actor: { subject: OFFICER, role: 'officer' },
      detail: { kind: 'TELECOM_LICENCE' },
    });
    const emails = await env.stack.store.listEmails(caseId);
    expect(emails.some((e) => e.template === 'providerDocumentsReady')).toBe(true);

    // The applicant finds it on the case page and downloads it: an attachment of the very file.
    const applicant = await signedIn(env, APPLICANT);
    await applicant.goto(`${env.stack.urls.portal}/#/cases/${caseId}`);
    const link = applicant.getByTestId('provider-download-TELECOM_LICENCE');
    await link.waitFor();
    await screenshot(applicant, 'applicant-provider-documents');
    const [download] = await Promise.all([applicant.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('telecom-licence.pdf');
    const response = await fetch((await link.getAttribute('href')) as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="telecom-licence.pdf"');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(licence.bytes))).toBe(true);
    expect(cspViolations(officer)).toEqual([]);
    expect(cspViolations(applicant)).toEqual([]);
  });
});
