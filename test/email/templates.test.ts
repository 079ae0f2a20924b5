import { describe, expect, it } from 'vitest';
import { renderEmail, TEMPLATE_NAMES, type TemplateData, type TemplateName } from '#adapters/email/templates';
import { bringToVerification } from '#domain/offices';
import { checkInWords, OVERRIDE_MEANING, OVERRIDE_TYPO_HINT } from '#domain/override-requests';

const common = {
  caseId: 'C-01J9Z',
  applicantName: '张伟',
  caseUrl: 'https://portal.example.cn/cases/C-01J9Z',
};
const office = {
  name: { zh: '北京办公室', en: 'Beijing office' },
  address: { zh: '北京市朝阳区建国路 1 号', en: '1 Jianguo Road, Chaoyang, Beijing' },
};
const when = { zh: '2026年12月3日 10:00', en: '3 December 2026, 10:00' };
const bring = [{ zh: '身份证原件', en: 'Your original ID card' }];

const samples: { [K in TemplateName]: TemplateData[K] } = {
  caseOpened: {
    ...common,
    filingType: { zh: '首次备案', en: 'general ICP filing' },
    documentsNeeded: [{ zh: '域名证书', en: 'Domain name certificate' }],
    printableForms: [{ zh: '信息安全承诺书', en: 'Information Security Commitment' }],
  },
  documentInvalid: {
    ...common,
    document: { zh: '域名证书', en: 'Domain name certificate' },
    reasons: [{ zh: '文件已加密', en: 'The PDF is encrypted' }],
  },
  documentsComplete: common,
  reviewRejected: {
    ...common,
    documents: [
      { document: { zh: '核验单', en: 'Verification form' }, reason: { zh: '缺少签名', en: 'Not signed' } },
    ],
    roundsLeft: 2,
  },
  appointmentScheduled: { ...common, office, when, bring },
  appointmentReminder: { ...common, office, when, bring },
  noShow: { ...common, reschedulesLeft: 1 },
  submittedToBureau: {
    ...common,
    bureau: { zh: '北京市通信管理局', en: 'Beijing Communications Administration' },
    dueDate: '2027-01-05',
  },
  approved: {
    ...common,
    icpNumber: '京ICP备12345678号-1',
    footerSnippet: '<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备12345678号-1</a>',
  },
  filingUpdated: {
    ...common,
    filingType: { zh: '注销网站', en: 'website cancellation' },
    icpNumber: '京ICP备12345678号-2',
    outcome: { zh: '该网站的备案已注销。', en: 'The website’s filing is cancelled.' },
  },
  rejected: { ...common, reasons: [{ zh: '网站名称不符合要求', en: 'The website name is not allowed' }] },
  expiryReminder: { ...common, daysLeft: 15, expiresOn: '2027-01-12' },
  expired: common,
  withdrawn: common,
  overrideRequested: {
    ...common,
    checks: [checkInWords('CREDIT_CODE_CHECKSUM')],
    meaning: OVERRIDE_MEANING,
    typo: OVERRIDE_TYPO_HINT,
  },
  presenceConfirmed: { ...common, office, when },
  overrideAccepted: { ...common, check: checkInWords('CREDIT_CODE_CHECKSUM'), stillPending: 0 },
  smsVerificationDue: {
    ...common,
    mobile: '138****5678',
    windowEndsAt: { zh: '2026-12-03 10:00', en: '2026-12-03 10:00' },
  },
  smsVerificationReminder: {
    ...common,
    mobile: '138****5678',
    windowEndsAt: { zh: '2026-12-03 10:00', en: '2026-12-03 10:00' },
  },
  licenceFee: { ...common, feeYuan: 3000 },
  providerDocumentsReady: {
    ...common,
    documents: [{ zh: '接入商营业执照复印件', en: 'Our business licence, copy' }],
  },
  returnedByBureau: {
    ...common,
    reasons: [
      {
        reason: { zh: '网站名称不符', en: 'Website name mismatch' },
        correct: { zh: '修改网站名称', en: 'the website name' },
      },
      { reason: { zh: '短信核验超时', en: 'SMS verification timed out' } },
    ],
    returnsLeft: 2,
  },
};

describe('email templates', () => {
  it('names the office once in the appointment email ("our Beijing office", not "Beijing office office")', () => {
    for (const name of ['appointmentScheduled', 'appointmentReminder'] as const) {
      const message = renderEmail(name, 'applicant@example.cn', samples[name]);
      expect(message.text).toContain('at our Beijing office, 1 Jianguo Road');
      expect(message.text).not.toMatch(/office office/i);
    }
  });

  it.each(TEMPLATE_NAMES)('%s renders Chinese before English with nothing left unresolved', (name) => {
    const message = renderEmail(name, 'applicant@example.cn', samples[name] as never);
    for (const part of [message.subject, message.text, message.html]) {
      expect(part).not.toMatch(/undefined|null|NaN|\[object Object\]|\$\{|\{\{/);
    }
    expect(message.text.indexOf('您好')).toBeGreaterThanOrEqual(0);
    expect(message.text.indexOf('您好')).toBeLessThan(message.text.indexOf('Dear'));
    expect(message.html.indexOf('lang="zh-CN"')).toBeLessThan(message.html.indexOf('lang="en"'));
    expect(message.subject).toContain(' / ');
  });

  it('escapes HTML in the data and shows the footer snippet as code', () => {
    const message = renderEmail('approved', 'a@example.cn', samples.approved);
    expect(message.html).toContain('&lt;a href=&quot;https://beian.miit.gov.cn/&quot;');
    expect(message.html).not.toContain('<a href="https://beian.miit.gov.cn/"');
    expect(message.text).toContain(
      '<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备12345678号-1</a>',
    );
  });

  it('tells the applicant which forms the case page prints pre-filled, and only when there are some', () => {
    const withForms = renderEmail('caseOpened', 'a@example.cn', samples.caseOpened);
    expect(withForms.text).toContain('“信息安全承诺书”可在案件页面打印预填版本');
    expect(withForms.text).toContain('prints the Information Security Commitment pre-filled');
    const without = renderEmail('caseOpened', 'a@example.cn', { ...samples.caseOpened, printableForms: [] });
    expect(without.text).not.toContain('打印预填');
    expect(without.text).not.toContain('pre-filled');
  });
});

describe('the documents an email asks for', () => {
  it('asks in the case-opened email only for the documents still needed, and says so when none is', () => {
    const some = renderEmail('caseOpened', 'a@example.cn', {
      ...samples.caseOpened,
      documentsNeeded: [{ zh: '域名证书', en: 'Domain name certificate' }],
      printableForms: [],
    });
    expect(some.text).toContain('请上传以下材料：\n\n- 域名证书\n\n上传地址');
    expect(some.text).toContain(
      'Please upload these documents:\n\n- Domain name certificate\n\nUpload them at',
    );
    const none = renderEmail('caseOpened', 'a@example.cn', {
      ...samples.caseOpened,
      documentsNeeded: [],
      printableForms: [],
    });
    expect(none.text).not.toContain('请上传以下材料');
    expect(none.text).not.toContain('Please upload');
    expect(none.html).not.toContain('<ul>');
    expect(none.text).toContain('无需再上传');
    expect(none.text).toContain('nothing more to upload');
  });

  it("lists in an individual's appointment email only what a person brings, no company documents", () => {
    for (const type of ['CHINESE_INDIVIDUAL', 'FOREIGN_INDIVIDUAL', 'HMT_RESIDENT'] as const) {
      for (const name of ['appointmentScheduled', 'appointmentReminder'] as const) {
        const message = renderEmail(name, 'a@example.cn', {
          ...samples[name],
          bring: bringToVerification(type),
        });
        expect(message.text).toContain('网站负责人本人有效身份证件原件');
        expect(message.text).toContain('The signed original Website Verification Form');
        for (const company of ['营业执照', '公章', '单位', 'licence', 'seal', 'ompan']) {
          expect(message.text).not.toContain(company);
        }
      }
    }
  });

  it("asks an organisation for a sealed copy of its own certificate (a company's licence, an institution's certificate)", () => {
    const company = renderEmail('appointmentScheduled', 'a@example.cn', {
      ...samples.appointmentScheduled,
      bring: bringToVerification('CHINESE_BUSINESS'),
    });
    expect(company.text).toContain('- 加盖公章的营业执照复印件');
    expect(company.text).toContain("- A copy of the business licence with the organisation's seal");
    const institution = renderEmail('appointmentScheduled', 'a@example.cn', {
      ...samples.appointmentScheduled,
      bring: bringToVerification('PUBLIC_INSTITUTION'),
    });
    expect(institution.text).toContain('- 加盖公章的事业单位法人证书复印件');
    expect(institution.text).not.toContain('营业执照');
  });
});

describe('the bureau’s due date in the email', () => {
  it('names the legal period (20 working days, MIIT Order 33 art. 12) and says 暂定/provisional only when it is', () => {
    const data = {
      ...common,
      bureau: { zh: '北京市通信管理局', en: 'Beijing Communications Administration' },
      dueDate: '2027-01-05',
    };
    const certain = renderEmail('submittedToBureau', 'a@example.cn', data);
    expect(certain.text).toContain('20个工作日');
    expect(certain.text).toContain('MIIT Order No. 33, art. 12');
    expect(certain.text).not.toContain('暂定');
    const provisional = renderEmail('submittedToBureau', 'a@example.cn', {
      ...data,
      dueDateProvisional: true,
    });
    expect(provisional.text).toContain('2027-01-05（暂定');
    expect(provisional.text).toContain('2027-01-05 (provisional');
    expect(provisional.html).toContain('暂定');
  });
});

describe('links to the case', () => {
  it('the case address is a hash route the console opens, built from the configured portal URL', async () => {
    const { caseUrl } = await import('#workflow/case-notifications');
    const { parseHash } = await import('../../console/src/router.ts');
    const url = caseUrl({ portalUrl: 'https://portal.example.cn/' }, 'C-01J9Z');
    expect(url).toBe('https://portal.example.cn/#/cases/C-01J9Z');
    const route = parseHash(new URL(url).hash);
    expect(route.name).toBe('case');
    expect(route.params.caseId).toBe('C-01J9Z');
  });

  it('the HTML part links the case address, without the sentence punctuation around it', () => {
    const caseUrl = 'https://portal.example.cn/#/cases/C-01J9Z';
    const { html } = renderEmail('documentsComplete', 'zhang.wei@example.cn', {
      ...samples.documentsComplete,
      caseUrl,
    });
    expect(html).toContain(`<a href="${caseUrl}">${caseUrl}</a>`);
    expect(html).not.toMatch(/<a href="[^"]*[。，.,]"/);
  });
});
