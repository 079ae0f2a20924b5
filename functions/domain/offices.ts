import * as z from 'zod';
import { APPLICANT_KINDS } from './applicant-kinds.ts';
import type { Bilingual } from './bilingual.ts';
import { DOCUMENT_RULES } from './document-types.ts';
import { type ApplicantType, isIndividual } from './filing.ts';

/**
 * The offices where the website's responsible person appears in person for verification (面签).
 * Data, not code: adding an office is one entry here.
 */
export interface Office {
  id: string;
  name: Bilingual;
  address: Bilingual;
  /** IANA zone of the office; both current offices are on China Standard Time. */
  timeZone: 'Asia/Shanghai';
  hours: Bilingual;
}

export const OFFICES = [
  {
    id: 'BJ',
    name: { zh: '北京办公室', en: 'Beijing office' },
    address: {
      zh: '北京市朝阳区建国门外大街 1 号国贸大厦 A 座 12 层',
      en: '12/F, Tower A, China World Trade Center, 1 Jianguomenwai Avenue, Chaoyang District, Beijing',
    },
    timeZone: 'Asia/Shanghai',
    hours: { zh: '工作日 9:00–17:30', en: 'Business days 9:00–17:30' },
  },
  {
    id: 'SH',
    name: { zh: '上海办公室', en: 'Shanghai office' },
    address: {
      zh: '上海市浦东新区世纪大道 100 号环球金融中心 30 层',
      en: '30/F, Shanghai World Financial Center, 100 Century Avenue, Pudong New Area, Shanghai',
    },
    timeZone: 'Asia/Shanghai',
    hours: { zh: '工作日 9:00–17:30', en: 'Business days 9:00–17:30' },
  },
] as const satisfies readonly Office[];

export const OfficeId = z.enum(OFFICES.map((o) => o.id) as ['BJ', 'SH']);
export type OfficeId = z.infer<typeof OfficeId>;

/** The office with this id (ids are validated by OfficeId before they get here). */
export const officeById = (id: OfficeId): Office => OFFICES.find((o) => o.id === id) as Office;

/**
 * What the responsible person brings to the verification: their own ID document and the signed
 * verification form (核验单, which the person signs in front of the provider's staff), and, for an
 * organisation, a copy of its registration certificate with its seal. An individual brings nothing of
 * a company's. The identity check itself is MIIT document No. 64's (domain-facts.md "Law and
 * bureau", identity verification); the seed's provider meets the person in its office.
 */
export function bringToVerification(applicantType: ApplicantType): Bilingual[] {
  const personal: Bilingual[] = [
    { zh: '网站负责人本人有效身份证件原件', en: "The responsible person's original, valid ID document" },
    { zh: '已签字的《网站备案信息真实性核验单》原件', en: 'The signed original Website Verification Form' },
  ];
  if (isIndividual(applicantType)) return personal;
  const certificate = DOCUMENT_RULES[APPLICANT_KINDS[applicantType].entityDocuments[0] ?? 'BUSINESS_LICENCE'];
  return [
    ...personal,
    {
      zh: `加盖公章的${certificate.labelZh}复印件`,
      en: `A copy of the ${lowerFirst(certificate.labelEn)} with the organisation's seal`,
    },
  ];
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
