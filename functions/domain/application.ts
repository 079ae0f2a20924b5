/**
 * The filing application as the applicant's web form and the API send it (JSON), validated with zod.
 * Field validators (ID numbers, credit codes, phones, domains, ICP numbers, website names) run inside the
 * schema, so every bad value is a zod issue with a field path such as `websites.0.domains.1`; the parsed
 * value carries normalised forms (upper-case X, ASCII domains, 11-digit mobiles, canonical ICP numbers).
 */
import * as z from 'zod';
import { validateCreditCodeKind } from './applicant-kinds.ts';
import { addOneWebsiteIssues } from './application-kind-rules.ts';
import { chinaDate, type IsoDate, isIsoDate } from './china-calendar.ts';
import { ContentCategory } from './content-categories.ts';
import { validateCreditCode } from './credit-code.ts';
import { parseDomain, validateFileableDomain } from './domain-name.ts';
import { validateEmail } from './email.ts';
import { applicantSchema, idNumberSchemas } from './entity.ts';
import { compactInput, invalid } from './errors.ts';
import { ApplicantType, FilingType, isOrganisation } from './filing.ts';
import { buildsOnExistingNumber } from './filing-kinds.ts';
import { freeText } from './free-text.ts';
import { validateIpAddress } from './hosting.ts';
import { parseIcpNumber } from './icp-number.ts';
import { domainToUnicode } from './idn.ts';
import { validateMobile } from './mobile.ts';
import { ProvinceCode } from './provinces.ts';
import { mayHoldDomain } from './restricted-domains.ts';
import { validateWebsiteName } from './website-name.ts';
import { addValidationIssue, validatedString } from './zod-errors.ts';

export interface ApplicationSchemaOptions {
  /** Today's China date, for birth dates and document validity (default: the clock). */
  today?: () => IsoDate;
  /** Codes of overridable failures an officer has accepted for this case (e.g. CREDIT_CODE_CHECKSUM). */
  acceptedOverrides?: readonly string[];
  /**
   * Apply the rules that came after cases were already stored (entity leader, ID-card province, the
   * credit code matching the organisation kind): the API and the form set it for new and edited
   * applications; the workflow, re-reading a stored case, does not, so cases in flight keep working.
   */
  forNewCase?: boolean;
}

// Names and addresses are printed on the bureau's forms: one rule for all free text (./free-text.ts).
const text = (min: number, max: number) => freeText({ kind: 'line', min, max });
const nameText = (min: number, max: number) => freeText({ kind: 'name', min, max });

/** Builds the application schema; `Application` below is the default instance. */
export function applicationSchema(options: ApplicationSchemaOptions = {}) {
  const today = options.today ?? (() => chinaDate());
  const accepted = new Set(options.acceptedOverrides ?? []);

  const ids = idNumberSchemas(today);
  const CreditCode = validatedString(validateCreditCode, (c) => c.normalised, {
    acceptedOverrides: accepted,
    fallback: (input) => compactInput(input).toUpperCase(),
  });
  const Mobile = validatedString(validateMobile, (m) => m.normalised);
  const Email = validatedString(validateEmail, (e) => e);
  const Domain = validatedString(validateFileableDomain, (d) => d.ascii, {
    acceptedOverrides: accepted,
    fallback: (input) => {
      const parsed = parseDomain(input);
      return parsed.ok ? parsed.value.ascii : input;
    },
  });
  const IpAddress = validatedString(validateIpAddress, (ip) => ip);
  const IcpNumber = validatedString(parseIcpNumber, (n) => n.normalised);
  const ChinaDate = z.string().refine(isIsoDate, { error: 'Use a YYYY-MM-DD date.' });
  const PersonName = nameText(2, 50);
  const Address = text(5, 200);

  const Applicant = applicantSchema(
    {
      personName: PersonName,
      organisationName: nameText(2, 100),
      address: Address,
      creditCode: CreditCode,
      mobile: Mobile,
      email: Email,
      chinaDate: ChinaDate,
      line: text,
    },
    ids,
  );

  const Website = z.object({
    // Lengths and wording are the website-name rules' (validated below, with the applicant type).
    name: freeText({ kind: 'name' }),
    domains: z.array(Domain).min(1).max(10),
    ipAddresses: z.array(IpAddress).min(1).max(50),
    serverProvince: ProvinceCode,
    contentCategories: z.array(ContentCategory).min(1),
  });

  const ResponsiblePerson = z
    .object({
      name: PersonName,
      mobile: Mobile,
      email: Email,
      emergencyContact: z.object({ name: PersonName, mobile: Mobile }),
    })
    .and(ids.personId);

  const Commercial = z.object({
    /** The entity's general ICP filing number (备), required before a licence. */
    generalIcpNumber: IcpNumber,
    registeredCapitalCny: z.number().int().positive(),
    legalRepresentative: z.object({ name: PersonName, idNumber: z.string().trim().min(5).max(30) }),
    foreignOwnershipPercent: z.number().min(0).max(100).default(0),
    staffWithSocialInsurance: z.number().int().min(0),
  });

  return (
    z
      .object({
        filingType: FilingType,
        applicant: Applicant,
        websites: z.array(Website).min(1).max(20),
        responsiblePerson: ResponsiblePerson,
        commercial: Commercial.optional(),
        /** For the kinds after the first filing (./filing-kinds.ts): the existing ICP number. */
        existingIcpNumber: IcpNumber.optional(),
      })
      .superRefine((app, ctx) => {
        app.websites.forEach((site, i) => {
          site.domains.forEach((domain, j) => {
            if (mayHoldDomain(domain, app.applicant)) return;
            const restricted = invalid(
              'DOMAIN_RESTRICTED_SUFFIX',
              `${domainToUnicode(domain)} is under a suffix reserved for another kind of organisation (.gov.cn and .政务: government bodies; .edu.cn: schools and research institutions; .公益: non-profit institutions).`,
              `${domainToUnicode(domain)} 的后缀仅限特定类型的单位使用（.gov.cn、.政务限党政机关，.edu.cn限教育科研机构，.公益限非营利机构）。`,
            );
            if (!restricted.ok)
              addValidationIssue(ctx, restricted.error, { path: ['websites', i, 'domains', j] });
          });
        });
        const seen = new Set<string>();
        app.websites.forEach((site, i) => {
          site.domains.forEach((domain, j) => {
            if (seen.has(domain)) {
              const dup = invalid(
                'DOMAIN_DUPLICATE',
                `${domain} is listed twice.`,
                `域名 ${domain} 重复填写。`,
              );
              if (!dup.ok) addValidationIssue(ctx, dup.error, { path: ['websites', i, 'domains', j] });
            }
            seen.add(domain);
          });
        });
        if (app.responsiblePerson.emergencyContact.mobile === app.responsiblePerson.mobile) {
          const same = invalid(
            'EMERGENCY_CONTACT_SAME_MOBILE',
            "The emergency contact number must differ from the responsible person's own mobile.",
            '应急联系电话不能与网站负责人手机号码相同。',
          );
          if (!same.ok)
            addValidationIssue(ctx, same.error, {
              path: ['responsiblePerson', 'emergencyContact', 'mobile'],
            });
        }
        if (app.filingType === 'COMMERCIAL' && !app.commercial) {
          const missing = invalid(
            'COMMERCIAL_DETAILS_REQUIRED',
            'A commercial ICP licence needs the general ICP number and the company facts.',
            '申请经营性ICP许可证需填写已取得的ICP备案号及公司相关信息。',
          );
          if (!missing.ok) addValidationIssue(ctx, missing.error, { path: ['commercial'] });
        }
        if (buildsOnExistingNumber(app.filingType) && !app.existingIcpNumber) {
          const missing = invalid(
            'EXISTING_ICP_NUMBER_REQUIRED',
            'Adding a website, changing hosting or access, cancelling or transferring a website needs the existing ICP number.',
            '新增网站、变更接入、注销网站或接入备案需填写已有的ICP备案号。',
          );
          if (!missing.ok) addValidationIssue(ctx, missing.error, { path: ['existingIcpNumber'] });
        }
        addOneWebsiteIssues(app, ctx);
      })
      // The website names are checked even while other fields are still wrong (zod skips a refinement
      // after a failed field otherwise): an empty form lists an empty name with all the rest, not
      // after the rest is fixed (issue 17).
      .superRefine((app, ctx) => reportWebsiteNames(app, ctx), { when: () => true })
      // The new-case rules run even while other fields are still wrong, for the same reason, so the
      // form shows them inline as soon as their own fields are filled.
      .superRefine((app, ctx) => reportMissingNewCaseFields(app, ctx), {
        when: () => options.forNewCase === true,
      })
  );
}

/** The application schema with default options (the clock's date, no overrides). */
export const Application = applicationSchema();
/** A validated, normalised application. */
export type Application = z.output<typeof Application>;
/** The application as the form or API sends it. */
export type ApplicationInput = z.input<typeof Application>;
export type Applicant = Application['applicant'];
export type Website = Application['websites'][number];

/**
 * A stable key of the applicant entity: one open case per key (USCC for every organisation kind, so
 * a code filed under the wrong kind still meets its own open case; the ID document otherwise).
 */
export function applicantKey(applicant: Applicant): string {
  if ('creditCode' in applicant) return `USCC:${applicant.creditCode}`;
  switch (applicant.type) {
    case 'CHINESE_INDIVIDUAL':
      return `RESIDENT_ID:${applicant.idNumber}`;
    case 'HMT_RESIDENT':
      return `HMT_RESIDENCE_PERMIT:${applicant.idNumber}`;
    case 'FOREIGN_PERMANENT_RESIDENT':
      return `PERMANENT_RESIDENCE_ID:${applicant.idNumber}`;
    case 'FOREIGN_INDIVIDUAL':
      return `PASSPORT:${applicant.nationality}:${applicant.idNumber}`;
  }
}

/**
 * The website-name rules (./website-name.ts; they depend on the applicant type). It also runs on
 * applications whose other fields failed, so it reads the values defensively, and it adds nothing
 * where the name already failed its own text rules.
 */
function reportWebsiteNames(app: unknown, ctx: z.RefinementCtx): void {
  const value = app as { applicant?: { type?: unknown }; websites?: unknown } | undefined;
  const type = ApplicantType.safeParse(value?.applicant?.type);
  if (!type.success || !Array.isArray(value?.websites)) return;
  value.websites.forEach((site: unknown, i: number) => {
    const raw = (site as { name?: unknown } | undefined)?.name;
    if (typeof raw !== 'string') return;
    const failed = ctx.issues.some(
      (issue) =>
        issue.path?.length === 3 &&
        issue.path[0] === 'websites' &&
        issue.path[1] === i &&
        issue.path[2] === 'name',
    );
    if (failed) return;
    const name = validateWebsiteName(raw, type.data);
    if (!name.ok) addValidationIssue(ctx, name.error, { path: ['websites', i, 'name'] });
  });
}

/**
 * The new-case rules on the applicant (see ApplicationSchemaOptions.forNewCase). It also runs on
 * applications whose other fields failed, so it reads the values defensively.
 */
function reportMissingNewCaseFields(app: unknown, ctx: z.RefinementCtx): void {
  const applicant = (app as { applicant?: unknown } | undefined)?.applicant as
    | Record<string, unknown>
    | undefined;
  if (!applicant || typeof applicant !== 'object') return;
  const parsedType = ApplicantType.safeParse(applicant.type);
  if (!parsedType.success) return;
  const type = parsedType.data;
  if (isOrganisation(type)) {
    const creditCode = applicant.creditCode;
    if (typeof creditCode === 'string' && creditCode.length === 18) {
      const kind = validateCreditCodeKind(creditCode, type);
      if (!kind.ok) addValidationIssue(ctx, kind.error, { path: ['applicant', 'creditCode'] });
    }
    if (applicant.entityLeader === undefined) {
      const missing = invalid(
        'ENTITY_LEADER_REQUIRED',
        "An organisation's filing names its entity leader (主体负责人): name, ID document, mobile, email and an emergency contact.",
        '单位备案须填写主体负责人信息：姓名、证件、手机号码、电子邮箱及应急联系人。',
      );
      if (!missing.ok) addValidationIssue(ctx, missing.error, { path: ['applicant', 'entityLeader'] });
    }
  }
  if ((type === 'CHINESE_INDIVIDUAL' || type === 'HMT_RESIDENT') && applicant.idCardProvince === undefined) {
    const missing = invalid(
      'ID_CARD_PROVINCE_REQUIRED',
      'Choose the province of the address printed on the ID card.',
      '请选择证件上住址所在的省份。',
    );
    if (!missing.ok) addValidationIssue(ctx, missing.error, { path: ['applicant', 'idCardProvince'] });
  }
}
