import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { approveFromReview, type CaseState, readCase, submitWithDocuments } from './api-steps.ts';
import { cspViolations, type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const company = SAMPLE_APPLICATIONS.chineseBusiness;
const ENTITY_NUMBER = '京ICP备2026040001号';
const ICP_NUMBER = `${ENTITY_NUMBER}-1`;
const TEST_TIMEOUT_MS = 900_000;

describe('changing a website and cancelling the entity from My filings, and the officer’s warnings, in the browser', () => {
  let env: E2eEnvironment;
  let zhangApi: ReturnType<typeof apiAs>;
  let officerApi: ReturnType<typeof apiAs>;
  beforeAll(async () => {
    env = await startE2e();
    zhangApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    officerApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('officer-wang-fang'));
  });
  afterAll(async () => {
    await env?.close();
  });

  it(
    'changes a website’s name from a pre-filled form showing what changes, without an in-person verification, and lists the new name',
    async () => {
      const draft = await zhangApi<CaseState>('POST', '/cases', application);
      await submitWithDocuments(zhangApi, draft);
      await approveFromReview(officerApi, zhangApi, draft.caseId, ICP_NUMBER, true);

      const page = await signedIn(env, 'applicant-zhang-wei');
      await page.getByTestId('nav-filings').click();
      const site = page.getByTestId(`website-${ICP_NUMBER}`);
      await site.waitFor();
      await site.getByTestId('action-CHANGE_WEBSITE').click();
      await page.getByTestId('changes-panel').waitFor();
      expect(await page.getByTestId('change-name').getAttribute('data-changed')).toBe('false');
      await page.getByTestId('field-websites.0.name').fill('张伟的风光摄影');
      expect(await page.getByTestId('change-name').getAttribute('data-changed')).toBe('true');
      expect(await page.getByTestId('change-responsible').getAttribute('data-changed')).toBe('false');
      await screenshot(page, 'applicant-change-website-form');
      await page.getByTestId('create-case').click();
      await page.waitForURL(/#\/cases\/C-[0-9A-Z]+$/);
      const changeId = page.url().split('/').at(-1) as string;
      const change = await readCase(zhangApi, changeId)();
      expect(change).toMatchObject({ status: 'DRAFT', application: { filingType: 'CHANGE_WEBSITE' } });

      await submitWithDocuments(zhangApi, change);
      await approveFromReview(officerApi, zhangApi, changeId, ICP_NUMBER, false);
      await page.goto(`${env.stack.urls.portal}/#/filings`);
      const changed = page.getByTestId(`website-${ICP_NUMBER}`);
      await changed.waitFor();
      expect(await changed.textContent()).toContain('张伟的风光摄影');
      expect(cspViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'cancels the entity from My filings: the form warns, an officer reviews, and the entity and its site show cancelled',
    async () => {
      const page = await signedIn(env, 'applicant-zhang-wei');
      await page.getByTestId('nav-filings').click();
      const entity = page.getByTestId(`filing-${ENTITY_NUMBER}`);
      await entity.waitFor();
      await entity.getByTestId('action-CANCEL_ENTITY').first().click();
      await page.getByTestId('cancel-warning').waitFor();
      expect(await page.getByTestId('cancel-warning').textContent()).toContain(ENTITY_NUMBER);
      await page.getByTestId('create-case').click();
      await page.waitForURL(/#\/cases\/C-[0-9A-Z]+$/);
      const cancelId = page.url().split('/').at(-1) as string;
      const cancel = await readCase(zhangApi, cancelId)();
      expect(cancel.application).toMatchObject({
        filingType: 'CANCEL_ENTITY',
        existingIcpNumber: ENTITY_NUMBER,
      });
      await submitWithDocuments(zhangApi, cancel);
      await approveFromReview(officerApi, zhangApi, cancelId, ENTITY_NUMBER, false);
      await page.goto(`${env.stack.urls.portal}/#/filings`);
      const cancelled = page.getByTestId(`filing-${ENTITY_NUMBER}`);
      await cancelled.getByTestId('entity-status').waitFor();
      expect(await cancelled.getByTestId('entity-status').textContent()).toBe('已注销');
      expect(await cancelled.getByTestId('website-status').textContent()).toBe('已注销');
      expect(await cancelled.getByTestId('action-ADD_WEBSITE').count()).toBe(0);
      await screenshot(page, 'applicant-entity-cancelled');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the officer the eligibility warning of a company filing outside its credit code’s province, as a warning',
    async () => {
      const lantingApi = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-lanting-tech'));
      const inBeijing = {
        ...company,
        applicant: { ...company.applicant, province: 'BJ' },
        websites: [{ ...company.websites[0], domains: ['lanting-bj.com'], serverProvince: 'BJ' }],
      } as ApplicationInput;
      const draft = await lantingApi<CaseState>('POST', '/cases', inBeijing);
      await submitWithDocuments(lantingApi, draft);
      const officer = await signedIn(env, 'officer-wang-fang');
      await officer.goto(`${env.stack.urls.portal}/#/officer/cases/${draft.caseId}`);
      const warning = officer.getByTestId('eligibility-warning-COMPANY_REGISTERED_IN_OTHER_PROVINCE');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('上海');
      // A warning, not a refusal: the review is open to decide.
      await officer.getByTestId('review-panel').waitFor();
      await screenshot(officer, 'officer-eligibility-warning');
      expect(cspViolations(officer)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
