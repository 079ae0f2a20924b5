import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { apiAs, uploadSampleDocuments, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { cspViolations, type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';
import { caseInReview } from './previews.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const ICP_NUMBER = '京ICP备2026030001号-1';
const ENTITY_NUMBER = '京ICP备2026030001号';

/** An instant as the console sends it: China time with its offset, to the second. */
const chinaIsoTime = (instant: Date) =>
  `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

interface CaseState {
  caseId: string;
  status: string;
  currentStep?: string;
  requiredDocuments: string[];
  application: ApplicationInput;
}

describe('filings after the first, in the browser', () => {
  let env: E2eEnvironment;
  let applicantApi: ReturnType<typeof apiAs>;
  let officerApi: ReturnType<typeof apiAs>;
  beforeAll(async () => {
    env = await startE2e();
    applicantApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    officerApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('officer-wang-fang'));
  });
  afterAll(async () => {
    await env?.close();
  });

  const read = (caseId: string) => () => applicantApi<CaseState>('GET', `/cases/${caseId}`);
  const waitStep = (caseId: string, step: string) =>
    waitUntil(read(caseId), (c) => c.currentStep === step, step, 60);

  /** From the officer review to the bureau's approval with `icpNumber`, through the API and the workflow. */
  async function approveFromReview(caseId: string, icpNumber: string, verification: boolean) {
    await officerApi('POST', `/officer/cases/${caseId}/review`, { decision: 'APPROVE' });
    if (verification) {
      await waitStep(caseId, 'APPOINTMENT');
      // Presence is recorded once the appointment has started: book it a few seconds ahead.
      const startsAt = chinaIsoTime(new Date(Date.now() + 3000));
      await officerApi('POST', `/officer/cases/${caseId}/appointment`, { officeId: 'BJ', startsAt });
      await waitStep(caseId, 'VERIFICATION');
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Date.parse(startsAt) - Date.now() + 1000)),
      );
      await officerApi('POST', `/officer/cases/${caseId}/verification`, { outcome: 'PRESENT' });
    }
    await waitStep(caseId, 'BUREAU_SUBMISSION');
    await officerApi('POST', `/officer/cases/${caseId}/bureau-submission`, {
      submittedAt: new Date().toISOString(),
    });
    await waitStep(caseId, 'BUREAU_DECISION');
    await officerApi('POST', `/officer/cases/${caseId}/bureau-decision`, { decision: 'APPROVE', icpNumber });
    await waitUntil(read(caseId), (c) => c.status === 'APPROVED', 'approval', 60);
  }

  it('lists the approved filing, changes its access from a pre-filled form, and shows the new address once approved', async () => {
    const general = await caseInReview(applicantApi, application);
    await approveFromReview(general, ICP_NUMBER, true);

    // The approved GENERAL case is on the applicant's filings page, with the actions that apply.
    const page = await signedIn(env, 'applicant-zhang-wei');
    await page.getByTestId('nav-filings').click();
    const site = page.getByTestId(`website-${ICP_NUMBER}`);
    await site.waitFor();
    expect(await page.getByTestId(`filing-${ENTITY_NUMBER}`).getByTestId('entity-number').textContent()).toBe(
      ENTITY_NUMBER,
    );
    expect(await site.getByTestId('website-access').textContent()).toContain('203.0.113.10');
    await screenshot(page, 'applicant-filings');

    // Change access: the form starts from the filing; only the address is typed.
    await site.getByTestId('action-CHANGE_ACCESS').click();
    await page.getByTestId('changes-panel').waitFor();
    expect(await page.getByTestId('field-applicant.idNumber').inputValue()).toBe(
      application.applicant.idNumber,
    );
    expect(await page.getByTestId('field-responsiblePerson.mobile').inputValue()).toBe(
      application.responsiblePerson.mobile,
    );
    expect(await page.getByTestId('change-ip').getAttribute('data-changed')).toBe('false');
    await page.getByTestId('field-websites.0.ipAddresses').fill('203.0.113.77');
    expect(await page.getByTestId('change-ip').getAttribute('data-changed')).toBe('true');
    expect(await page.getByTestId('change-domains').getAttribute('data-changed')).toBe('false');
    await screenshot(page, 'applicant-change-access-form');
    await page.getByTestId('create-case').click();
    await page.waitForURL(/#\/cases\/C-[0-9A-Z]+$/);
    const changeId = page.url().split('/').at(-1) as string;
    const change = await read(changeId)();
    expect(change).toMatchObject({ status: 'DRAFT', application: { filingType: 'CHANGE_ACCESS' } });

    // Adding a website meanwhile is refused, naming the open case, with a link to it.
    await page.getByTestId('nav-filings').click();
    await page.getByTestId(`filing-${ENTITY_NUMBER}`).getByTestId('action-ADD_WEBSITE').click();
    await page.getByTestId('changes-panel').waitFor();
    await page.getByTestId('field-websites.0.name').fill('张伟的旅行日记');
    await page.getByTestId('field-websites.0.domains').fill('zhangwei-travel.cn');
    await page.getByTestId('field-websites.0.ipAddresses').fill('203.0.113.11');
    await page.getByTestId('field-websites.0.serverProvince').selectOption('BJ');
    await page.getByTestId('field-websites.0.contentCategories-PERSONAL').check();
    await page.getByTestId('create-case').click();
    const link = page.getByTestId('error-case-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`#/cases/${changeId}`);
    await screenshot(page, 'applicant-open-case-refusal');

    // The change runs through the workflow without an in-person verification; the registry then
    // holds the new address, and the filings page shows it.
    await uploadSampleDocuments(
      applicantApi,
      changeId,
      change.application,
      change.requiredDocuments as never,
    );
    await waitUntil(
      () => applicantApi<{ documents: Record<string, { status: string }> }>('GET', `/cases/${changeId}`),
      (c) =>
        Object.values(c.documents).filter((d) => d.status === 'VALID').length ===
        change.requiredDocuments.length,
      'inspections',
    );
    await applicantApi('POST', `/cases/${changeId}/submit`);
    await waitStep(changeId, 'REVIEW');
    await approveFromReview(changeId, ICP_NUMBER, false);
    await page.goto(`${env.stack.urls.portal}/#/filings`);
    await page.getByTestId(`website-${ICP_NUMBER}`).waitFor();
    expect(
      await page.getByTestId(`website-${ICP_NUMBER}`).getByTestId('website-access').textContent(),
    ).toContain('203.0.113.77');
    expect(cspViolations(page)).toEqual([]);
  });
});
