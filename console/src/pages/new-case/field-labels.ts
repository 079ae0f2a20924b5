import type { I18n, MessageKey } from '../../i18n.ts';

/** The label of each field path of the application (the first pattern that matches). */
const FIELD_LABELS: Array<[RegExp, MessageKey]> = [
  [/^existingIcpNumber$/, 'existingIcpNumber'],
  [/^applicant\.name$/, 'applicantName'],
  [/^applicant\.idNumber$/, 'idNumber'],
  [/^applicant\.creditCode$/, 'creditCode'],
  [/^applicant\.legalRepresentative$/, 'legalRepresentative'],
  [/^applicant\.nationality$/, 'nationality'],
  [/^applicant\.residenceRegistration(\.number)?$/, 'residenceNumber'],
  [/^applicant\.residenceRegistration\.validUntil$/, 'residenceValidUntil'],
  [/^applicant\.address$/, 'address'],
  [/^applicant\.province$/, 'province'],
  [/^applicant\.idCardProvince$/, 'idCardProvince'],
  [/^applicant\.entityLeader(\.name)?$/, 'sectionEntityLeader'],
  [/^applicant\.entityLeader\.idType$/, 'idType'],
  [/^applicant\.entityLeader\.idNumber$/, 'idNumber'],
  [/^applicant\.entityLeader\.mobile$/, 'mobile'],
  [/^applicant\.entityLeader\.email$/, 'email'],
  [/^applicant\.entityLeader\.emergencyContact\.name$/, 'emergencyName'],
  [/^applicant\.entityLeader\.emergencyContact\.mobile$/, 'emergencyMobile'],
  [/^websites\.\d+\.name$/, 'websiteName'],
  [/^websites\.\d+\.domains(\.\d+)?$/, 'colDomains'],
  [/^websites\.\d+\.ipAddresses(\.\d+)?$/, 'ipAddresses'],
  [/^websites\.\d+\.serverProvince$/, 'serverProvince'],
  [/^websites\.\d+\.contentCategories/, 'contentCategories'],
  [/^responsiblePerson\.name$/, 'personName'],
  [/^responsiblePerson\.idNumber$/, 'idNumber'],
  [/^responsiblePerson\.mobile$/, 'mobile'],
  [/^responsiblePerson\.email$/, 'email'],
  [/^responsiblePerson\.emergencyContact\.name$/, 'emergencyName'],
  [/^responsiblePerson\.emergencyContact\.mobile$/, 'emergencyMobile'],
  [/^commercial\.generalIcpNumber$/, 'generalIcpNumber'],
  [/^commercial\.registeredCapitalCny$/, 'registeredCapital'],
  [/^commercial\.legalRepresentative\.name$/, 'legalRepName'],
  [/^commercial\.legalRepresentative\.idNumber$/, 'legalRepId'],
  [/^commercial\.foreignOwnershipPercent$/, 'foreignOwnership'],
  [/^commercial\.staffWithSocialInsurance$/, 'staffInsured'],
  [/^commercial$/, 'sectionCommercial'],
];

/** A person's name for a field path ('websites.1.domains.0' → 'Website 2 · Domains'). */
export function fieldLabel(path: string, t: I18n['t']): string {
  const entry = FIELD_LABELS.find(([pattern]) => pattern.test(path));
  const label = entry ? t(entry[1]) : path;
  const site = /^websites\.(\d+)\./.exec(path);
  const section = path.startsWith('responsiblePerson')
    ? `${t('sectionResponsible')} · `
    : path.startsWith('applicant.entityLeader.')
      ? `${t('sectionEntityLeader')} · `
      : '';
  return site ? `${t('website', { n: Number(site[1]) + 1 })} · ${label}` : `${section}${label}`;
}
