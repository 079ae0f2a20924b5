import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '#domain/credit-code';
import { type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';

/** A sole proprietor's credit code (92…) with the sample company's region and organisation code. */
const soleProprietorCode = (() => {
  const first17 = '92310115MA1K4Q2B2';
  return first17 + creditCodeCheckChar(first17);
})();

describe('the new-case form for organisations and the ID card’s province', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('asks individuals with a mainland card for its address province, pre-set to the filing province', async () => {
    const page = await signedIn(env, 'applicant-zhang-wei');
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('new-case-form').waitFor();
    await page.getByTestId('applicant-type-CHINESE_INDIVIDUAL').check();
    await page.getByTestId('field-applicant.province').selectOption('SH');
    expect(await page.getByTestId('field-applicant.idCardProvince').inputValue()).toBe('SH');
    await page.getByTestId('applicant-type-HMT_RESIDENT').check();
    await page.getByTestId('field-applicant.idCardProvince').waitFor();
    await page.getByTestId('applicant-type-FOREIGN_INDIVIDUAL').check();
    expect(await page.getByTestId('field-applicant.idCardProvince').count()).toBe(0);
    await page.close();
  });

  it("files a sole proprietor: an inline error for a company's credit code, then the entity leader, then the case", async () => {
    const page = await signedIn(env, 'applicant-lanting-tech');
    await page.getByTestId('nav-new-case').click();
    await page.getByTestId('new-case-form').waitFor();
    await page.getByTestId('filing-type-GENERAL').check();
    await page.getByTestId('applicant-type-SOLE_PROPRIETOR').check();
    await page.getByTestId('entity-leader-section').waitFor();

    await page.getByTestId('field-applicant.name').fill('上海市浦东新区兰亭科技服务部');
    await page.getByTestId('field-applicant.creditCode').fill('91310115MA1K4Q2B2C');
    await page.getByTestId('field-applicant.legalRepresentative').fill('李娜');
    const kindError = page.getByTestId('error-applicant.creditCode');
    await kindError.waitFor();
    expect(await kindError.textContent()).toContain('个体工商户');
    await screenshot(page, 'new-case-credit-code-kind');
    await page.getByTestId('field-applicant.creditCode').fill(soleProprietorCode);
    await kindError.waitFor({ state: 'detached' });

    await page.getByTestId('field-applicant.province').selectOption('SH');
    await page.getByTestId('field-applicant.address').fill('上海市浦东新区张江路 88 号');
    await page.getByTestId('leader-is-legal-representative').click();
    expect(await page.getByTestId('field-applicant.entityLeader.name').inputValue()).toBe('李娜');
    await page.getByTestId('field-applicant.entityLeader.idNumber').fill('310104198503124022');
    await page.getByTestId('field-applicant.entityLeader.mobile').fill('13700001111');
    await page.getByTestId('field-applicant.entityLeader.email').fill('li.na@lanting.example.cn');
    await page.getByTestId('field-applicant.entityLeader.emergencyContact.name').fill('王强');
    await page.getByTestId('field-applicant.entityLeader.emergencyContact.mobile').fill('13600002222');

    await page.getByTestId('field-websites.0.name').fill('兰亭科技服务部官网');
    await page.getByTestId('field-websites.0.domains').fill('lanting-service.cn');
    await page.getByTestId('field-websites.0.ipAddresses').fill('203.0.113.21');
    await page.getByTestId('field-websites.0.serverProvince').selectOption('SH');
    await page.getByTestId('field-websites.0.contentCategories-CORPORATE').check();
    await page.getByTestId('field-responsiblePerson.name').fill('王强');
    await page.getByTestId('field-responsiblePerson.idNumber').fill('310104198001014018');
    await page.getByTestId('field-responsiblePerson.mobile').fill('13600002222');
    await page.getByTestId('field-responsiblePerson.email').fill('wang.qiang@lanting.example.cn');
    await page.getByTestId('field-responsiblePerson.emergencyContact.name').fill('李娜');
    await page.getByTestId('field-responsiblePerson.emergencyContact.mobile').fill('13700001111');
    await screenshot(page, 'new-case-sole-proprietor');
    await page.getByTestId('create-case').click();

    await page.getByTestId('applicant-case').waitFor();
    await page.getByTestId('doc-BUSINESS_LICENCE').waitFor();
    await page.getByTestId('doc-ENTITY_LEADER_ID_FRONT').waitFor();
    await page.getByTestId('doc-RESPONSIBLE_PERSON_ID_FRONT').waitFor();
    await page.close();
  });
});
