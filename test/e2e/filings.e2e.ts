import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { approveFromReview, type CaseState, readCase, submitWithDocuments } from './api-steps.ts';
import { cspViolations, type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const ICP_NUMBER = '京ICP备2026030001号-1';
const ENTITY_NUMBER = '京ICP备2026030001号';
/** A site filed through another provider, and its entity's resident ID (GB 11643's own example). */
const TRANSFER_NUMBER = '京ICP备2025000777号-3';
const TRANSFER_ID = '11010519491231002X';
/** Each test runs several cases through the workflow, so it may wait on many steps. */
const TEST_TIMEOUT_MS = 900_000;

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

  it(
    'lists the approved filing, changes its access from a pre-filled form, and shows the new address once approved',
    async () => {
      const draft = await applicantApi<CaseState>('POST', '/cases', application);
      await submitWithDocuments(applicantApi, draft);
      const general = draft.caseId;
      await approveFromReview(officerApi, applicantApi, general, ICP_NUMBER, true);

      // The approved GENERAL case is on the applicant's filings page, with the actions that apply.
      const page = await signedIn(env, 'applicant-zhang-wei');
      await page.getByTestId('nav-filings').click();
      const site = page.getByTestId(`website-${ICP_NUMBER}`);
      await site.waitFor();
      expect(
        await page.getByTestId(`filing-${ENTITY_NUMBER}`).getByTestId('entity-number').textContent(),
      ).toBe(ENTITY_NUMBER);
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
      const change = await readCase(applicantApi, changeId)();
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
      await submitWithDocuments(applicantApi, change);
      await approveFromReview(officerApi, applicantApi, changeId, ICP_NUMBER, false);
      await page.goto(`${env.stack.urls.portal}/#/filings`);
      await page.getByTestId(`website-${ICP_NUMBER}`).waitFor();
      expect(
        await page.getByTestId(`website-${ICP_NUMBER}`).getByTestId('website-access').textContent(),
      ).toContain('203.0.113.77');
      expect(cspViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
  it(
    'cancels the website from the filings page: the form warns, an officer reviews, and the page shows it cancelled',
    async () => {
      const page = await signedIn(env, 'applicant-zhang-wei');
      await page.getByTestId('nav-filings').click();
      const site = page.getByTestId(`website-${ICP_NUMBER}`);
      await site.waitFor();
      await site.getByTestId('action-CANCEL_WEBSITE').click();
      await page.getByTestId('cancel-warning').waitFor();
      expect(await page.getByTestId('cancel-warning').textContent()).toContain(ICP_NUMBER);
      await page.getByTestId('create-case').click();
      await page.waitForURL(/#\/cases\/C-[0-9A-Z]+$/);
      const cancelId = page.url().split('/').at(-1) as string;
      const cancel = await readCase(applicantApi, cancelId)();
      expect(cancel.application.filingType).toBe('CANCEL_WEBSITE');
      await submitWithDocuments(applicantApi, cancel);
      await approveFromReview(officerApi, applicantApi, cancelId, ICP_NUMBER, false);
      await page.goto(`${env.stack.urls.portal}/#/filings`);
      const cancelled = page.getByTestId(`website-${ICP_NUMBER}`);
      await cancelled.waitFor();
      expect(await cancelled.getByTestId('website-status').textContent()).toBe('已注销');
      expect(await cancelled.getByTestId('action-CHANGE_ACCESS').count()).toBe(0);
      await screenshot(page, 'applicant-filings-cancelled');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'transfers in a site filed through another provider from the blank form, with the in-person verification',
    async () => {
      const page = await signedIn(env, 'applicant-zhang-wei');
      await page.getByTestId('nav-filings').click();
      await page.getByTestId('action-TRANSFER_IN').first().click();
      await page.getByTestId('new-case-form').waitFor();
      expect(await page.getByTestId('filing-type-TRANSFER_IN').isChecked()).toBe(true);
      await page.getByTestId('field-existingIcpNumber').fill(TRANSFER_NUMBER);
      await page.getByTestId('applicant-type-CHINESE_INDIVIDUAL').check();
      await page.getByTestId('field-applicant.name').fill('张伟');
      await page.getByTestId('field-applicant.idNumber').fill(TRANSFER_ID);
      await page.getByTestId('field-applicant.province').selectOption('BJ');
      await page.getByTestId('field-applicant.address').fill('北京市东城区东长安街 1 号');
      await page.getByTestId('field-websites.0.name').fill('张伟的旅行日记');
      await page.getByTestId('field-websites.0.domains').fill('zhangwei-travel.cn');
      await page.getByTestId('field-websites.0.ipAddresses').fill('203.0.113.30');
      await page.getByTestId('field-websites.0.serverProvince').selectOption('BJ');
      await page.getByTestId('field-websites.0.contentCategories-PERSONAL').check();
      await page.getByTestId('copy-from-applicant').click();
      await page.getByTestId('field-responsiblePerson.mobile').fill('13812345678');
      await page.getByTestId('field-responsiblePerson.email').fill('zhang.wei@example.cn');
      await page.getByTestId('field-responsiblePerson.emergencyContact.name').fill('张丽');
      await page.getByTestId('field-responsiblePerson.emergencyContact.mobile').fill('13912345678');
      await page.getByTestId('create-case').click();
      await page.waitForURL(/#\/cases\/C-[0-9A-Z]+$/);
      const transferId = page.url().split('/').at(-1) as string;
      const transfer = await readCase(applicantApi, transferId)();
      expect(transfer.application.filingType).toBe('TRANSFER_IN');
      await submitWithDocuments(applicantApi, transfer);
      await approveFromReview(officerApi, applicantApi, transferId, TRANSFER_NUMBER, true);
      await page.goto(`${env.stack.urls.portal}/#/filings`);
      const moved = page.getByTestId(`website-${TRANSFER_NUMBER}`);
      await moved.waitFor();
      expect(await moved.getByTestId('website-access').textContent()).toContain('203.0.113.30');
      expect(cspViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
