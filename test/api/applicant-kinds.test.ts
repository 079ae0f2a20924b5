import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { creditCodeCheckChar, organisationCodeCheckChar } from '#domain/credit-code';
import { type ApiHarness, individualApplication, newResidentId, startApiHarness } from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const APPLICANT = 'applicant-lanting-tech';
let serial = 1000;
/** A fresh credit code with valid check characters for the given kind prefix ('92', '53', …). */
function newCreditCode(prefix: string, region = '440300'): string {
  serial += 1;
  const org8 = `7152${serial}`;
  const first17 = `${prefix}${region}${org8}${organisationCodeCheckChar(org8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** An organisation of `type` filing in `province`, its legal representative leading it and the website. */
function organisationApplication(
  type: string,
  prefix: string,
  province = 'GD',
  options: { leaderName?: string; responsibleName?: string; leaderBirth?: string } = {},
): ApplicationInput {
  const base = individualApplication();
  const leaderId = newResidentId('440305', options.leaderBirth ?? '19800101');
  const person = {
    ...base.responsiblePerson,
    idType: 'RESIDENT_ID' as const,
    idNumber: leaderId,
    email: 'li.na@example.cn',
  };
  return {
    ...base,
    applicant: {
      type,
      name: '深圳市兰亭科技服务部',
      creditCode: newCreditCode(prefix),
      legalRepresentative: '李娜',
      entityLeader: { ...person, name: options.leaderName ?? '李娜' },
      address: '广东省深圳市南山区科技园1号',
      province,
    },
    websites: [{ ...(base.websites[0] as object), name: '兰亭科技服务部官网', serverProvince: province }],
    responsiblePerson: { ...person, name: options.responsibleName ?? '李娜' },
  } as unknown as ApplicationInput;
}

const post = (body: unknown) => h.call('POST', '/cases', { as: APPLICANT, body });

describe('creating cases for the new applicant kinds', () => {
  it("creates a sole proprietor's draft asking for its business licence", async () => {
    const response = await post(organisationApplication('SOLE_PROPRIETOR', '92'));
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({
      applicantType: 'SOLE_PROPRIETOR',
      requiredDocuments: expect.arrayContaining(['BUSINESS_LICENCE', 'RESPONSIBLE_PERSON_ID_FRONT']),
    });
  });

  it("creates a foundation's draft asking for its registration certificate and the entity leader's ID", async () => {
    const response = await post(
      organisationApplication('FOUNDATION', '53', 'GD', { responsibleName: '王五' }),
    );
    expect(response.status, response.text).toBe(201);
    expect(response.body.requiredDocuments).toEqual(expect.arrayContaining(['FOUNDATION_CERTIFICATE']));
  });

  it('creates a Hong Kong resident’s draft with the residence permit as the ID document', async () => {
    const base = individualApplication();
    const permit = newResidentId('810000', '19880808');
    const body = {
      ...base,
      applicant: { ...base.applicant, type: 'HMT_RESIDENT', idNumber: permit, idCardProvince: 'BJ' },
      responsiblePerson: { ...base.responsiblePerson, idType: 'HMT_RESIDENCE_PERMIT', idNumber: permit },
    };
    const response = await post(body);
    expect(response.status, response.text).toBe(201);
    expect(response.body.requiredDocuments).toEqual(
      expect.arrayContaining(['HMT_RESIDENCE_PERMIT_FRONT', 'HMT_RESIDENCE_PERMIT_BACK']),
    );
  });

  it('asks an Anhui company for the authorisation letter when the responsible person is not the legal representative', async () => {
    const response = await post(
      organisationApplication('CHINESE_BUSINESS', '91', 'AH', { responsibleName: '王五' }),
    );
    expect(response.status, response.text).toBe(201);
    expect(response.body.requiredDocuments).toContain('AUTHORISATION_LETTER');
  });
});

describe('refusing bad entity data with 4xx, changing nothing', () => {
  async function expectRefused(body: unknown, status: number, code: string, field: string) {
    const before = await h.snapshot();
    const response = await post(body);
    expect(response.status, response.text).toBe(status);
    const issue = (response.body.issues as Array<{ code: string; field?: string }>).find(
      (i) => i.code === code,
    );
    expect(issue).toMatchObject({
      code,
      field,
      message: expect.any(String),
      messageZh: expect.stringMatching(/\p{Script=Han}/u),
    });
    expect(await h.snapshot()).toBe(before);
  }

  it('answers 400 CREDIT_CODE_KIND_MISMATCH for a company code filed as a foundation', async () => {
    await expectRefused(
      organisationApplication('FOUNDATION', '91'),
      400,
      'CREDIT_CODE_KIND_MISMATCH',
      'applicant.creditCode',
    );
  });

  it('answers 400 ENTITY_LEADER_REQUIRED for an organisation without its entity leader', async () => {
    const body = organisationApplication('PUBLIC_INSTITUTION', '12') as {
      applicant: Record<string, unknown>;
    };
    delete body.applicant.entityLeader;
    await expectRefused(body, 400, 'ENTITY_LEADER_REQUIRED', 'applicant.entityLeader');
  });

  it('answers 400 ID_CARD_PROVINCE_REQUIRED for an individual without the ID card’s province', async () => {
    const body = individualApplication() as { applicant: Record<string, unknown> };
    delete body.applicant.idCardProvince;
    await expectRefused(body, 400, 'ID_CARD_PROVINCE_REQUIRED', 'applicant.idCardProvince');
  });

  it('answers 400 ID_NUMBER_KIND_MISMATCH for a residence permit number typed as a resident ID', async () => {
    const body = individualApplication(newResidentId('820000'));
    await expectRefused(body, 400, 'ID_NUMBER_KIND_MISMATCH', 'applicant.idNumber');
  });

  it('answers 422 ENTITY_LEADER_NOT_LEGAL_REPRESENTATIVE in Chongqing', async () => {
    const body = organisationApplication('CHINESE_BUSINESS', '91', 'CQ', {
      leaderName: '王五',
      responsibleName: '王五',
    });
    await expectRefused(body, 422, 'ENTITY_LEADER_NOT_LEGAL_REPRESENTATIVE', 'applicant.entityLeader.name');
  });

  it('answers 422 PERSON_UNDER_MINIMUM_AGE for a 17-year-old entity leader in Tibet', async () => {
    const body = organisationApplication('CHINESE_BUSINESS', '91', 'XZ', { leaderBirth: '20090601' });
    await expectRefused(body, 422, 'PERSON_UNDER_MINIMUM_AGE', 'responsiblePerson.idNumber');
  });
});
