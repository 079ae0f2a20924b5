import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDocument } from '#documents/inspect';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import {
  consoleDocument,
  cspViolations,
  type E2eEnvironment,
  sampleFileOnDisk,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';
import { directivesOf, expectPreviewsShown, previewedDocuments } from './previews.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const { docTypes, image: imageDocument, pdf: pdfDocument } = previewedDocuments(application);

/**
 * The console document in force was served with the template's Content-Security-Policy (the
 * CloudFront response-headers policy, localized): the same directives, and the uploads bucket's
 * origin allowed for images and frames.
 */
async function expectDeployedPolicy(env: E2eEnvironment, page: Page) {
  const headers = await consoleDocument(page).allHeaders();
  const served = directivesOf(headers['content-security-policy'] ?? '');
  const template = directivesOf(env.stack.assembly.consoleHeaders['content-security-policy'] ?? '');
  expect(template.size).toBeGreaterThan(0);
  expect([...served.keys()]).toEqual([...template.keys()]);
  const bucket = new URL(env.stack.urls.s3).origin;
  expect(served.get('img-src')).toContain(bucket);
  expect(served.get('frame-src')).toContain(bucket);
  expect(served.get('script-src')).toEqual(["'self'"]);
}

/** Waits until an element's attribute has a value (the pages poll the API). */
async function waitForAttribute(page: Page, testId: string, name: string, value: string, timeout = 60_000) {
  await page.waitForFunction(
    ([id, attribute, expected]) =>
      document.querySelector(`[data-testid="${id}"]`)?.getAttribute(attribute as string) === expected,
    [testId, name, value],
    { timeout },
  );
}

/**
 * Opens the officer's case page and waits until the workflow is parked on `step`, loading the page
 * again while it is not (the same URL with a hash is no navigation, so it reloads).
 */
async function officerAt(page: Page, caseId: string, step: string) {
  const url = `${page.url().split('#')[0]}#/officer/cases/${caseId}`;
  if (page.url() !== url) await page.goto(url);
  for (let attempt = 0; attempt < 60; attempt++) {
    await page.getByTestId('officer-case').waitFor();
    if ((await page.getByTestId('officer-case').getAttribute('data-step')) === step) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  const at = await page.getByTestId('officer-case').getAttribute('data-step');
  await screenshot(page, `officer-never-reached-${step.toLowerCase()}`);
  throw new Error(`The case never reached ${step}: it is at ${at || 'no step'}`);
}

describe('a case in the browser, from the applicant’s form to the ICP number', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('takes a GENERAL case from the form through real uploads and every officer step to the number', async () => {
    // The applicant fills in the guided form.
    const applicant = await signedIn(env, 'applicant-zhang-wei');
    await screenshot(applicant, 'applicant-cases');
    await applicant.getByTestId('nav-new-case').click();
    await applicant.getByTestId('new-case-form').waitFor();
    await applicant.getByTestId('create-case').click();
    await applicant.getByTestId('form-errors').waitFor();
    await screenshot(applicant, 'new-case-errors');

    await applicant.getByTestId('filing-type-GENERAL').check();
    await applicant.getByTestId('applicant-type-CHINESE_INDIVIDUAL').check();
    await applicant.getByTestId('field-applicant.name').fill(application.applicant.name);
    await applicant.getByTestId('field-applicant.idNumber').fill(application.applicant.idNumber);
    await applicant.getByTestId('field-applicant.province').selectOption('BJ');
    await applicant.getByTestId('field-applicant.address').fill(application.applicant.address);
    const site = application.websites[0];
    if (!site) throw new Error('no website');
    await applicant.getByTestId('field-websites.0.name').fill(site.name);
    await applicant.getByTestId('field-websites.0.domains').fill(site.domains.join('\n'));
    await applicant.getByTestId('field-websites.0.ipAddresses').fill(site.ipAddresses.join('\n'));
    await applicant.getByTestId('field-websites.0.serverProvince').selectOption('BJ');
    await applicant.getByTestId('field-websites.0.contentCategories-PERSONAL').check();
    await applicant.getByTestId('copy-from-applicant').click();
    await applicant.getByTestId('field-responsiblePerson.mobile').fill(application.responsiblePerson.mobile);
    await applicant.getByTestId('field-responsiblePerson.email').fill(application.responsiblePerson.email);
    await applicant.getByTestId('field-responsiblePerson.emergencyContact.name').fill('张丽');
    await applicant.getByTestId('field-responsiblePerson.emergencyContact.mobile').fill('13912345678');
    await screenshot(applicant, 'new-case-form');
    await applicant.getByTestId('create-case').click();

    // The case page: upload each required document as a real file, straight to S3.
    await applicant.getByTestId('applicant-case').waitFor();
    const caseId = (await applicant.getByTestId('applicant-case').getAttribute('data-case-id')) as string;
    expect(caseId).toMatch(/^C-/);

    // The applicant corrects the website's name in the draft.
    const siteName = `${site.name}（新版）`;
    await applicant.getByTestId('edit-case').click();
    await applicant.locator(`[data-testid="new-case-form"][data-case-id="${caseId}"]`).waitFor();
    expect(await applicant.getByTestId('field-websites.0.domains').inputValue()).toBe(
      site.domains.join('\n'),
    );
    await applicant.getByTestId('field-websites.0.name').fill(siteName);
    await applicant.getByTestId('create-case').click();
    await applicant.getByTestId('applicant-case').waitFor();

    // The pre-filled verification form: printed to PDF with the print styles, it names the applicant
    // and the domain, leaves out the page around it, and passes the form checks.
    await applicant.getByTestId('print-WEBSITE_VERIFICATION_FORM').click();
    await applicant.getByTestId('printable-form').waitFor();
    await screenshot(applicant, 'printable-verification-form');
    const printed = Buffer.from(await applicant.pdf({ format: 'A4' }));
    const inspected = await inspectDocument({
      docType: 'WEBSITE_VERIFICATION_FORM',
      bytes: printed,
      size: printed.length,
      caseDomains: site.domains,
    });
    expect(inspected.findings).toEqual([]);
    expect(inspected.facts.text).toContain(application.applicant.idNumber);
    expect(inspected.facts.text).toContain(caseId);
    // Free text is stored NFKC-normalised (issue 14): the form prints the full-width brackets as ASCII.
    expect(inspected.facts.text).toContain(siteName.normalize('NFKC'));
    expect(inspected.facts.text).not.toContain('PDF');
    await applicant.goBack();
    await applicant.getByTestId('applicant-case').waitFor();
    for (const docType of docTypes) {
      await applicant
        .getByTestId(`upload-input-${docType}`)
        .setInputFiles(sampleFileOnDisk(env, docType, application));
      await waitForAttribute(applicant, `doc-${docType}`, 'data-status', 'VALID');
    }
    await screenshot(applicant, 'applicant-case-documents');
    await applicant.getByTestId('submit-case').click();
    await waitForAttribute(applicant, 'applicant-case', 'data-status', 'UNDER_REVIEW');

    // The officer works the case from the queue.
    const officer = await signedIn(env, 'officer-wang-fang');
    await officer.getByTestId('nav-queue').click();
    await officer.getByTestId(`queue-row-${caseId}`).waitFor();
    await screenshot(officer, 'officer-queue');
    await officer.getByTestId(`queue-row-${caseId}`).getByTestId('queue-case-link').click();
    await officer.getByTestId('officer-case').waitFor();
    await officer.getByTestId('review-panel').waitFor();
    // The review runs under the deployed Content-Security-Policy, and the previews are not blocked.
    await expectDeployedPolicy(env, officer);
    await expectPreviewsShown(env, officer, imageDocument, pdfDocument);
    expect(cspViolations(officer)).toEqual([]);
    await screenshot(officer, 'officer-case-review');
    await officer.getByTestId('review-approve-all').click();
    await officer.getByTestId('review-submit').click();

    await officerAt(officer, caseId, 'APPOINTMENT');
    await officer.getByTestId('appt-office').selectOption('BJ');
    await officer.getByTestId('appt-submit').click();
    await officerAt(officer, caseId, 'VERIFICATION');
    // Presence is recorded from the appointment's start on (issue 14), and the console books the next
    // business day: the test moves the booked appointment to two minutes ago, as if its day had come.
    await env.stack.store.modifyCase(caseId, (current) =>
      current.appointment
        ? {
            ...current,
            appointment: { ...current.appointment, startsAt: new Date(Date.now() - 120_000).toISOString() },
          }
        : undefined,
    );
    await officer.getByTestId('verify-present').click();
    await officerAt(officer, caseId, 'BUREAU_SUBMISSION');
    await officer.getByTestId('bureau-submit').click();
    // The bureau's SMS check waits in its own step (24-hour window) before the decision.
    await officerAt(officer, caseId, 'SMS_VERIFICATION');
    await officer.getByTestId('sms-window').waitFor();
    await officer.getByTestId('sms-record').click();
    await officerAt(officer, caseId, 'BUREAU_DECISION');
    await officer.getByTestId('sms-done').waitFor();
    // A number of another province is refused as typed; the case's province is accepted.
    await officer.getByTestId('icp-number-input').fill('沪ICP备2026012345号-1');
    expect(await officer.getByTestId('icp-approve').isDisabled()).toBe(true);
    await officer.getByTestId('icp-number-input').fill('京ICP备2026012345号-1');
    await screenshot(officer, 'officer-bureau-decision');
    await officer.getByTestId('icp-approve').click();
    await officer.getByTestId('decision-sent').waitFor();

    // The applicant sees the number and copies the footer snippet.
    await applicant.reload();
    await waitForAttribute(applicant, 'applicant-case', 'data-status', 'APPROVED');
    await expect(applicant.getByTestId('icp-number').textContent()).resolves.toContain(
      '京ICP备2026012345号-1',
    );
    await expect(applicant.getByTestId('footer-snippet').textContent()).resolves.toContain(
      'https://beian.miit.gov.cn/',
    );
    await applicant.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await applicant.getByTestId('copy-snippet').click();
    await applicant.getByTestId('copy-status').waitFor();
    await screenshot(applicant, 'applicant-approved');
    const audit = await env.stack.store.listAudit(caseId);
    expect(audit.some((e) => e.action === 'STEP_DECIDED' && e.actor.subject === 'officer-wang-fang')).toBe(
      true,
    );
    expect(cspViolations(officer)).toEqual([]);
    expect(cspViolations(applicant)).toEqual([]);
  });
});
