import { describe, expect, it } from 'vitest';
import { Application, type ApplicationInput } from '#domain/application';
import { PRINTABLE_FORMS } from '#domain/document-types';
import { printableForm } from '#domain/printable-forms';
import { requiredDocuments } from '#domain/required-documents';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';

const parse = (input: unknown) => Application.parse(input as ApplicationInput);
const rows = (content: ReturnType<typeof printableForm>) =>
  Object.fromEntries(content.sections.flatMap((s) => s.rows));

describe('printable forms', () => {
  it('fills the verification form from a company case and leaves the officer record blank', () => {
    const application = parse(SAMPLE_APPLICATIONS.chineseBusiness);
    const form = printableForm('WEBSITE_VERIFICATION_FORM', {
      caseId: 'C-1',
      filingType: 'GENERAL',
      application,
    });
    expect(form.title).toBe('网站备案信息真实性核验单');
    expect(form.reference).toBe('C-1');
    expect(rows(form)).toMatchObject({
      主办单位名称: '上海兰亭科技有限公司',
      证件号码: expect.any(String),
      法定代表人: '李娜',
      网站名称: '兰亭科技官网',
      网站域名: 'lanting-tech.com',
      备案类型: '首次备案',
      核验人: '',
      核验日期: '',
    });
    expect(form.signatures).toContain('主办单位盖章（个人无需盖章）');
  });

  it('shows an internationalised domain in Chinese characters and every website of the case', () => {
    const base = parse(SAMPLE_APPLICATIONS.chineseIndividual);
    const application = {
      ...base,
      websites: [
        base.websites[0],
        { ...base.websites[0], name: '第二个网站', domains: ['xn--fsqu00a.xn--fiqs8s'] },
      ],
    } as typeof base;
    const form = printableForm('REGISTRATION_APPLICATION_FORM', {
      caseId: 'C-2',
      filingType: 'GENERAL',
      application,
    });
    const headings = form.sections.map((s) => s.heading);
    expect(headings).toEqual(expect.arrayContaining(['网站信息（1）', '网站信息（2）']));
    expect(form.sections.find((s) => s.heading === '网站信息（2）')?.rows).toContainEqual([
      '网站域名',
      '例子.中国',
    ]);
  });

  it('lists many websites one row each, so a long case still prints within the page limit', () => {
    const base = parse(SAMPLE_APPLICATIONS.chineseIndividual);
    const site = base.websites[0] as (typeof base.websites)[number];
    const websites = Array.from({ length: 20 }, (_, i) => ({
      ...site,
      name: `网站${i}`,
      domains: [`site${i}.cn`],
    }));
    const form = printableForm('WEBSITE_VERIFICATION_FORM', {
      caseId: 'C-4',
      filingType: 'GENERAL',
      application: { ...base, websites },
    });
    const listed = form.sections.filter((s) => s.heading.startsWith('网站信息'));
    expect(listed).toHaveLength(1);
    expect(listed[0]?.heading).toBe('网站信息（共 20 个）');
    expect(listed[0]?.rows).toHaveLength(20);
    expect(listed[0]?.rows[19]?.[1]).toContain('网站域名：site19.cn');
  });

  it('names a foreign applicant by passport and the security commitment lists the sites', () => {
    const application = parse(SAMPLE_APPLICATIONS.foreignIndividual);
    const form = printableForm('SECURITY_COMMITMENT', { caseId: 'C-3', filingType: 'GENERAL', application });
    expect(rows(form)).toMatchObject({ 主办者性质: '个人（外籍）', 证件类型: '护照' });
    expect(form.statements.length).toBeGreaterThan(3);
    const site = application.websites[0];
    expect(form.sections.at(-1)?.rows).toContainEqual([site?.name, site?.domains.join('、')]);
  });

  it('covers the forms a general filing requires', () => {
    const application = parse(SAMPLE_APPLICATIONS.chineseIndividual);
    const required = requiredDocuments(application);
    for (const form of PRINTABLE_FORMS) expect(required).toContain(form);
  });
});
