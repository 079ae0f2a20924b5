import { describe, expect, it } from 'vitest';
import { emptyForm, fromApplication, validateForm } from '../../console/src/form-model.ts';
import { applicationSchema } from '../../functions/domain/application.ts';
import { SAMPLE_APPLICATIONS } from '../../local/stack/sample-applications.ts';

describe('the new-case form for organisations and mainland cards', () => {
  it('shows a credit code of another kind at the field while the rest of the form is still empty', () => {
    const form = emptyForm();
    form.applicantType = 'SOLE_PROPRIETOR';
    form.applicant.creditCode = '91310115MA1K4Q2B2C';
    const { errors } = validateForm(form, '2026-03-02');
    expect(errors['applicant.creditCode']?.map((e) => e.code)).toEqual(['CREDIT_CODE_KIND_MISMATCH']);
    expect(errors['applicant.creditCode']?.[0]?.messageZh).toContain('个体工商户');
  });

  it("asks for the entity leader's fields and the ID card's province at their own paths", () => {
    const organisation = emptyForm();
    organisation.applicantType = 'FOUNDATION';
    const leaderErrors = Object.keys(validateForm(organisation, '2026-03-02').errors);
    expect(leaderErrors).toEqual(
      expect.arrayContaining([
        'applicant.entityLeader.name',
        'applicant.entityLeader.idNumber',
        'applicant.entityLeader.mobile',
      ]),
    );
    const person = emptyForm();
    person.applicantType = 'HMT_RESIDENT';
    expect(validateForm(person, '2026-03-02').errors['applicant.idCardProvince']?.[0]?.code).toBe(
      'ID_CARD_PROVINCE_REQUIRED',
    );
  });

  it('loads a saved company draft with its entity leader back into the form unchanged', () => {
    const saved = applicationSchema({ today: () => '2026-03-02' }).parse(SAMPLE_APPLICATIONS.chineseBusiness);
    const form = fromApplication(saved);
    expect(form.leader).toMatchObject({
      name: '李娜',
      idNumber: '310104198503124022',
      mobile: '13700001111',
    });
    expect(validateForm(form, '2026-03-02').errors).toEqual({});
  });
});
