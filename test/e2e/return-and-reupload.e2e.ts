import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import {
  cspViolations,
  type E2eEnvironment,
  sampleFileOnDisk,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';
import { caseInReview } from './previews.ts';

const application = SAMPLE_APPLICATIONS.chineseBusiness;

describe('an officer returns a document and the applicant uploads it again', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows the reason to the applicant, takes the new file and brings the case back to review', async () => {
    // The case reaches review through the API (the first browser test covers the form and uploads).
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-lanting-tech'));
    const caseId = await caseInReview(api, application);

    // The Shanghai officer returns the verification form: not signed.
    const officer = await signedIn(env, 'officer-chen-jing');
    await officer.goto(`${env.stack.urls.portal}/#/officer/cases/${caseId}`);
    await officer.getByTestId('review-panel').waitFor();
    await officer.getByTestId('review-approve-all').click();
    await officer.getByTestId('review-reject-WEBSITE_VERIFICATION_FORM').check();
    await officer.getByTestId('review-reason-WEBSITE_VERIFICATION_FORM').selectOption('NOT_SIGNED');
    await officer.getByTestId('review-submit').click();
    await officer.getByTestId('decision-sent').waitFor();
    // The officer's page lists the return under its own heading, not among the automated findings.
    await officer.reload();
    const officerReturn = officer.getByTestId('findings-officer-WEBSITE_VERIFICATION_FORM');
    await officerReturn.waitFor();
    await expect(officerReturn.textContent()).resolves.toContain('签字');
    const automatedList = await officer.evaluate(() =>
      [...(document.querySelector('[data-testid="findings-WEBSITE_VERIFICATION_FORM"]')?.children ?? [])]
        .filter((child) => child.tagName === 'UL')
        .map((list) => list.textContent)
        .join(''),
    );
    expect(automatedList).not.toContain('NOT_SIGNED');

    // The applicant, on a phone, sees the reason and uploads a new file for that document only.
    const applicant = await signedIn(env, 'applicant-lanting-tech', { width: 375, height: 812 });
    await applicant.goto(`${env.stack.urls.portal}/#/cases/${caseId}`);
    const returned = applicant.getByTestId('doc-WEBSITE_VERIFICATION_FORM');
    await applicant.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="doc-WEBSITE_VERIFICATION_FORM"]')
          ?.getAttribute('data-status') === 'REJECTED_BY_OFFICER',
      undefined,
      { timeout: 60_000 },
    );
    await expect(
      applicant.getByTestId('doc-reasons-WEBSITE_VERIFICATION_FORM').textContent(),
    ).resolves.toContain('签字');
    expect(await applicant.getByTestId('doc-BUSINESS_LICENCE').getAttribute('data-status')).toBe('VALID');
    await screenshot(applicant, 'applicant-returned-document-phone');
    await applicant
      .getByTestId('upload-input-WEBSITE_VERIFICATION_FORM')
      .setInputFiles(sampleFileOnDisk(env, 'WEBSITE_VERIFICATION_FORM', application));
    await applicant.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="doc-WEBSITE_VERIFICATION_FORM"]')
          ?.getAttribute('data-status') === 'VALID',
      undefined,
      { timeout: 60_000 },
    );
    expect(await returned.getAttribute('data-status')).toBe('VALID');

    // Back with the officer, who approves this time.
    await waitUntil(
      () => api<{ currentStep?: string }>('GET', `/cases/${caseId}`),
      (c) => c.currentStep === 'REVIEW',
      'review again',
    );
    await officer.reload();
    await officer.getByTestId('review-panel').waitFor();
    await officer.getByTestId('review-approve-all').click();
    await officer.getByTestId('review-submit').click();
    const next = await waitUntil(
      () => api<{ currentStep?: string }>('GET', `/cases/${caseId}`),
      (c) => c.currentStep === 'APPOINTMENT',
      'the appointment step',
    );
    expect(next.currentStep).toBe('APPOINTMENT');
    const audit = await env.stack.store.listAudit(caseId);
    expect(
      audit.filter((e) => e.action === 'STEP_DECIDED' && e.actor.subject === 'officer-chen-jing'),
    ).toHaveLength(2);
    expect(cspViolations(officer)).toEqual([]);
    expect(cspViolations(applicant)).toEqual([]);
  });
});
