/**
 * The applicant entity as the application schema reads it: the individual kinds with their ID
 * documents, and the organisation kinds with their credit code, legal representative and entity
 * leader (主体负责人, the person the bureau's SMS check goes to). Fields added after cases were
 * already stored (the entity leader, the ID card's address province) are optional here, so a stored
 * case still parses; `forNewCase` rules (./application.ts) require them of new and edited cases.
 */
import * as z from 'zod';
import type { IsoDate } from './china-calendar.ts';
import { compactInput } from './errors.ts';
import { ProvinceCode } from './provinces.ts';
import { validateGb11643Number } from './resident-id.ts';
import { validatedString } from './zod-errors.ts';

/** The ID documents a person (applicant, entity leader, responsible person) may identify with. */
export const PersonIdType = z.enum([
  'RESIDENT_ID',
  'HMT_RESIDENCE_PERMIT',
  'PERMANENT_RESIDENCE_ID',
  'PASSPORT',
]);
export type PersonIdType = z.infer<typeof PersonIdType>;

/** Bilingual names of the ID documents, for forms and messages. */
export const PERSON_ID_LABELS: Readonly<Record<PersonIdType, { zh: string; en: string }>> = {
  RESIDENT_ID: { zh: '居民身份证', en: 'Resident ID card' },
  HMT_RESIDENCE_PERMIT: { zh: '港澳台居民居住证', en: 'Hong Kong, Macao or Taiwan residence permit' },
  PERMANENT_RESIDENCE_ID: { zh: '外国人永久居留身份证', en: 'Foreigner permanent-residence ID card' },
  PASSPORT: { zh: '护照', en: 'Passport' },
};

/** The validators the entity's fields share with the rest of the application. */
export interface EntityFieldSchemas {
  personName: z.ZodType<string, string>;
  organisationName: z.ZodType<string, string>;
  address: z.ZodType<string, string>;
  creditCode: z.ZodType<string, string>;
  mobile: z.ZodType<string, string>;
  email: z.ZodType<string, string>;
  chinaDate: z.ZodType<string, string>;
  line: (min: number, max: number) => z.ZodType<string, string>;
}

/** ID number schemas: each GB 11643-format kind with its own first digits, and passports. */
export function idNumberSchemas(today: () => IsoDate) {
  const gb11643 = (kind: Parameters<typeof validateGb11643Number>[2]) =>
    validatedString(
      (v) => validateGb11643Number(v, today(), kind),
      (id) => id.normalised,
    );
  const passport = z
    .string()
    .transform((v) => compactInput(v).toUpperCase())
    .pipe(
      z.string().regex(/^[A-Z0-9]{5,20}$/, { error: 'A passport number has 5 to 20 letters and digits.' }),
    );
  const residentId = gb11643('RESIDENT_ID');
  const hmtPermit = gb11643('HMT_RESIDENCE_PERMIT');
  const permanentResidenceId = gb11643('PERMANENT_RESIDENCE_ID');
  /** A person's ID document and number, checked by the rule of its kind. */
  const personId = z.discriminatedUnion('idType', [
    z.object({ idType: z.literal('RESIDENT_ID'), idNumber: residentId }),
    z.object({ idType: z.literal('HMT_RESIDENCE_PERMIT'), idNumber: hmtPermit }),
    z.object({ idType: z.literal('PERMANENT_RESIDENCE_ID'), idNumber: permanentResidenceId }),
    z.object({ idType: z.literal('PASSPORT'), idNumber: passport }),
  ]);
  return { residentId, hmtPermit, permanentResidenceId, passport, personId };
}

/** The applicant union: one variant per applicant kind (./filing.ts ApplicantType). */
export function applicantSchema(fields: EntityFieldSchemas, ids: ReturnType<typeof idNumberSchemas>) {
  const nationality = z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/));

  /** The person in charge of an organisation's filings; the bureau's SMS check goes to this mobile. */
  const entityLeader = z
    .object({
      name: fields.personName,
      mobile: fields.mobile,
      email: fields.email,
      emergencyContact: z.object({ name: fields.personName, mobile: fields.mobile }),
    })
    .and(ids.personId);

  const organisation = <T extends string>(type: T) =>
    z.object({
      type: z.literal(type),
      name: fields.organisationName,
      idType: z.literal('USCC').default('USCC'),
      creditCode: fields.creditCode,
      /** 法定代表人 as printed on the licence or certificate. */
      legalRepresentative: fields.personName,
      /** Absent on cases stored before it was asked for; required of new cases. */
      entityLeader: entityLeader.optional(),
      address: fields.address,
      province: ProvinceCode,
    });

  /** The province of the address printed on the card (not the number's region: it never moves). */
  const idCardProvince = ProvinceCode.optional();

  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('CHINESE_INDIVIDUAL'),
      name: fields.personName,
      idType: z.literal('RESIDENT_ID').default('RESIDENT_ID'),
      idNumber: ids.residentId,
      idCardProvince,
      address: fields.address,
      /** Where the applicant lives and files (the bureau that decides). */
      province: ProvinceCode,
    }),
    z.object({
      type: z.literal('HMT_RESIDENT'),
      name: fields.personName,
      idType: z.literal('HMT_RESIDENCE_PERMIT').default('HMT_RESIDENCE_PERMIT'),
      idNumber: ids.hmtPermit,
      idCardProvince,
      address: fields.address,
      province: ProvinceCode,
    }),
    organisation('CHINESE_BUSINESS'),
    organisation('SOLE_PROPRIETOR'),
    organisation('COOPERATIVE'),
    organisation('PUBLIC_INSTITUTION'),
    organisation('SOCIAL_ORGANISATION'),
    organisation('PRIVATE_NON_ENTERPRISE'),
    organisation('FOUNDATION'),
    z.object({
      type: z.literal('FOREIGN_INDIVIDUAL'),
      name: fields.personName,
      idType: z.literal('PASSPORT').default('PASSPORT'),
      idNumber: ids.passport,
      /** ISO 3166-1 alpha-2 code of the passport's country. */
      nationality,
      /** The temporary residence registration (境外人员临时住宿登记单); eligibility requires it. */
      residenceRegistration: z
        .object({ number: fields.line(1, 40), validUntil: fields.chinaDate })
        .optional(),
      address: fields.address,
      province: ProvinceCode,
    }),
    z.object({
      type: z.literal('FOREIGN_PERMANENT_RESIDENT'),
      name: fields.personName,
      idType: z.literal('PERMANENT_RESIDENCE_ID').default('PERMANENT_RESIDENCE_ID'),
      idNumber: ids.permanentResidenceId,
      nationality,
      address: fields.address,
      province: ProvinceCode,
    }),
  ]);
}
