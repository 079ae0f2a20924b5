/**
 * The province rules about the applicant entity and its people (./province-rules.ts), and the warnings
 * an officer should see without the case being refused. checkEligibility (./eligibility.ts) adds these
 * to its own reasons.
 */
import type { Application } from './application.ts';
import type { IsoDate } from './china-calendar.ts';
import type { ErrorCode } from './error-catalogue.ts';
import type { CodedErrorBody } from './errors.ts';
import { provinceRule } from './province-rules.ts';
import { provinceByCode, provinceByGbCode } from './provinces.ts';
import { samePersonName } from './required-documents.ts';
import { ageOn, birthDateOf } from './resident-id.ts';

export interface EntityFindings {
  reasons: CodedErrorBody[];
  warnings: CodedErrorBody[];
}

const body = (code: ErrorCode, message: string, messageZh: string, field: string): CodedErrorBody => ({
  code,
  message,
  messageZh,
  field,
});

/** The people a case names, with the field their ID number is at (passports carry no birth date). */
function peopleOf(application: Application): Array<{ idType: string; idNumber: string; field: string }> {
  const { applicant, responsiblePerson: r } = application;
  const people = [{ idType: r.idType, idNumber: r.idNumber, field: 'responsiblePerson.idNumber' }];
  if ('entityLeader' in applicant && applicant.entityLeader) {
    const { idType, idNumber } = applicant.entityLeader;
    people.push({ idType, idNumber, field: 'applicant.entityLeader.idNumber' });
  }
  if (applicant.type === 'CHINESE_INDIVIDUAL' || applicant.type === 'HMT_RESIDENT') {
    people.push({ idType: applicant.idType, idNumber: applicant.idNumber, field: 'applicant.idNumber' });
  }
  return people;
}

/** The province rules on the entity and its people, on the workflow's clock (`today`). */
export function entityRuleFindings(application: Application, today: IsoDate): EntityFindings {
  const reasons: CodedErrorBody[] = [];
  const warnings: CodedErrorBody[] = [];
  const { applicant } = application;
  const province = provinceByCode(applicant.province);
  const rule = provinceRule(applicant.province);

  if (rule.entityLeaderIsLegalRepresentative && 'legalRepresentative' in applicant) {
    const leader = applicant.entityLeader;
    if (leader && !samePersonName(leader.name, applicant.legalRepresentative)) {
      reasons.push(
        body(
          'ENTITY_LEADER_NOT_LEGAL_REPRESENTATIVE',
          `The ${province.nameEn} bureau requires the entity leader to be the legal representative, ${applicant.legalRepresentative}.`,
          `${province.nameZh}通信管理局要求主体负责人须为法定代表人（${applicant.legalRepresentative}）。`,
          'applicant.entityLeader.name',
        ),
      );
    }
  }

  if (rule.minimumAge !== undefined) {
    const minimum = rule.minimumAge;
    // One reason per person: an individual applicant is often their own responsible person.
    const seen = new Set<string>();
    for (const person of peopleOf(application)) {
      if (person.idType === 'PASSPORT' || seen.has(person.idNumber)) continue;
      seen.add(person.idNumber);
      const birthDate = birthDateOf(person.idNumber);
      if (birthDate && ageOn(birthDate, today) < minimum) {
        reasons.push(
          body(
            'PERSON_UNDER_MINIMUM_AGE',
            `The ${province.nameEn} bureau requires the people in charge of a filing to be at least ${minimum}; this ID number gives a birth date of ${birthDate}.`,
            `${province.nameZh}通信管理局要求负责人须年满${minimum}周岁，该证件号码的出生日期为${birthDate}。`,
            person.field,
          ),
        );
      }
    }
  }

  if (rule.localMobile) {
    warnings.push(
      body(
        'MOBILE_PROVINCE_TO_CONFIRM',
        `The ${province.nameEn} bureau requires mobiles registered in ${province.nameEn}: confirm the responsible person's (and entity leader's) mobile is.`,
        `${province.nameZh}通信管理局要求负责人手机号码归属地为本省，请核实网站负责人（及主体负责人）的手机号码归属地。`,
        'responsiblePerson.mobile',
      ),
    );
  }

  // A company may move after its code was issued, so a code from another province is for an officer to
  // look at (the licence's current address), not a refusal. Codes of centrally registered organisations
  // (region 10xxxx) name no province.
  if ('creditCode' in applicant) {
    const issuedIn = provinceByGbCode(applicant.creditCode.slice(2, 4));
    if (issuedIn && issuedIn.code !== applicant.province) {
      warnings.push(
        body(
          'COMPANY_REGISTERED_IN_OTHER_PROVINCE',
          `The credit code was issued in ${issuedIn.nameEn}, but the filing is in ${province.nameEn}: check that the licence's current address is in ${province.nameEn}.`,
          `统一社会信用代码的登记地为${issuedIn.nameZh}，备案省份为${province.nameZh}，请核对营业执照上的现住所是否在${province.nameZh}。`,
          'applicant.creditCode',
        ),
      );
    }
  }
  return { reasons, warnings };
}
