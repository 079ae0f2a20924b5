/**
 * The new-case form's state (plain strings, as typed) and its translation into the API's
 * ApplicationInput, validated with the domain's own zod schema so the form shows exactly the
 * messages the server would give, at the same field paths.
 */
import {
  type Application,
  type ApplicationInput,
  applicationSchema,
} from '../../functions/domain/application.ts';
import { ContentCategory } from '../../functions/domain/content-categories.ts';
import { PersonIdType } from '../../functions/domain/entity.ts';
import type { ErrorBody } from '../../functions/domain/errors.ts';
import { ApplicantType, FilingType, isOrganisation } from '../../functions/domain/filing.ts';
import { buildsOnExistingNumber } from '../../functions/domain/filing-kinds.ts';
import { domainToUnicode } from '../../functions/domain/idn.ts';
import { fromZodError, overridableCodes } from '../../functions/domain/zod-errors.ts';

export interface WebsiteForm {
  /** A stable key for the list on screen; never sent. */
  uid: string;
  name: string;
  domains: string;
  ipAddresses: string;
  serverProvince: string;
  contentCategories: ContentCategory[];
}

export interface CaseForm {
  filingType: FilingType;
  existingIcpNumber: string;
  applicantType: ApplicantType;
  applicant: {
    name: string;
    idNumber: string;
    creditCode: string;
    legalRepresentative: string;
    nationality: string;
    residenceNumber: string;
    residenceValidUntil: string;
    address: string;
    province: string;
    /** The province of the address printed on the ID card (mainland cards only). */
    idCardProvince: string;
  };
  /** An organisation's entity leader (主体负责人). */
  leader: PersonForm;
  websites: WebsiteForm[];
  responsible: PersonForm;
  commercial: {
    generalIcpNumber: string;
    registeredCapitalCny: string;
    legalRepName: string;
    legalRepIdNumber: string;
    foreignOwnershipPercent: string;
    staffWithSocialInsurance: string;
  };
}

/** A person with an ID document and contacts, as typed. */
export interface PersonForm {
  name: string;
  idType: PersonIdType;
  idNumber: string;
  mobile: string;
  email: string;
  emergencyName: string;
  emergencyMobile: string;
}

const emptyPerson = (): PersonForm => ({
  name: '',
  idType: 'RESIDENT_ID',
  idNumber: '',
  mobile: '',
  email: '',
  emergencyName: '',
  emergencyMobile: '',
});

let websiteCounter = 0;

export const emptyWebsite = (): WebsiteForm => ({
  uid: `w${++websiteCounter}`,
  name: '',
  domains: '',
  ipAddresses: '',
  serverProvince: '',
  contentCategories: [],
});

export const emptyForm = (): CaseForm => ({
  filingType: 'GENERAL',
  existingIcpNumber: '',
  applicantType: 'CHINESE_INDIVIDUAL',
  applicant: {
    name: '',
    idNumber: '',
    creditCode: '',
    legalRepresentative: '',
    nationality: '',
    residenceNumber: '',
    residenceValidUntil: '',
    address: '',
    province: '',
    idCardProvince: '',
  },
  leader: emptyPerson(),
  websites: [emptyWebsite()],
  responsible: {
    name: '',
    idType: 'RESIDENT_ID',
    idNumber: '',
    mobile: '',
    email: '',
    emergencyName: '',
    emergencyMobile: '',
  },
  commercial: {
    generalIcpNumber: '',
    registeredCapitalCny: '',
    legalRepName: '',
    legalRepIdNumber: '',
    foreignOwnershipPercent: '',
    staffWithSocialInsurance: '',
  },
});

/** Lines of a textarea (one per line; commas, 、 and semicolons also separate), blanks dropped. */
export const splitList = (text: string): string[] =>
  text
    .split(/[\n,，;；、]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const numberOrText = (text: string): number | string | undefined => {
  const trimmed = text.trim().replace(/[,，\s]/g, '');
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

/** The form as the API expects it. Empty optional parts are left out. */
export function toApplicationInput(form: CaseForm): ApplicationInput {
  const a = form.applicant;
  const cardProvince = a.idCardProvince ? { idCardProvince: a.idCardProvince } : {};
  const l = form.leader;
  const applicant = (() => {
    const type = form.applicantType;
    if (isOrganisation(type)) {
      return {
        type,
        name: a.name,
        creditCode: a.creditCode,
        legalRepresentative: a.legalRepresentative,
        entityLeader: {
          name: l.name,
          idType: l.idType,
          idNumber: l.idNumber,
          mobile: l.mobile,
          email: l.email,
          emergencyContact: { name: l.emergencyName, mobile: l.emergencyMobile },
        },
        address: a.address,
        province: a.province,
      };
    }
    switch (type) {
      case 'CHINESE_INDIVIDUAL':
      case 'HMT_RESIDENT':
        return {
          type,
          name: a.name,
          idNumber: a.idNumber,
          ...cardProvince,
          address: a.address,
          province: a.province,
        };
      case 'FOREIGN_PERMANENT_RESIDENT':
        return {
          type,
          name: a.name,
          idNumber: a.idNumber,
          nationality: a.nationality,
          address: a.address,
          province: a.province,
        };
      case 'FOREIGN_INDIVIDUAL':
        return {
          type: 'FOREIGN_INDIVIDUAL' as const,
          name: a.name,
          idNumber: a.idNumber,
          nationality: a.nationality,
          ...(a.residenceNumber.trim() || a.residenceValidUntil
            ? { residenceRegistration: { number: a.residenceNumber, validUntil: a.residenceValidUntil } }
            : {}),
          address: a.address,
          province: a.province,
        };
    }
  })();
  const r = form.responsible;
  const c = form.commercial;
  const input = {
    filingType: form.filingType,
    applicant,
    websites: form.websites.map((w) => ({
      name: w.name,
      domains: splitList(w.domains),
      ipAddresses: splitList(w.ipAddresses),
      serverProvince: w.serverProvince,
      contentCategories: w.contentCategories,
    })),
    responsiblePerson: {
      name: r.name,
      idType: r.idType,
      idNumber: r.idNumber,
      mobile: r.mobile,
      email: r.email,
      emergencyContact: { name: r.emergencyName, mobile: r.emergencyMobile },
    },
    ...(form.filingType === 'COMMERCIAL'
      ? {
          commercial: {
            generalIcpNumber: c.generalIcpNumber,
            registeredCapitalCny: numberOrText(c.registeredCapitalCny),
            legalRepresentative: { name: c.legalRepName, idNumber: c.legalRepIdNumber },
            ...(c.foreignOwnershipPercent.trim()
              ? { foreignOwnershipPercent: numberOrText(c.foreignOwnershipPercent) }
              : {}),
            staffWithSocialInsurance: numberOrText(c.staffWithSocialInsurance),
          },
        }
      : {}),
    ...(buildsOnExistingNumber(form.filingType) && form.existingIcpNumber.trim()
      ? { existingIcpNumber: form.existingIcpNumber }
      : {}),
  };
  return input as unknown as ApplicationInput;
}

/** A saved application back in the form, to edit a draft (domains shown in Unicode, as typed). */
export function fromApplication(application: Application): CaseForm {
  const form = emptyForm();
  const a = application.applicant;
  form.filingType = application.filingType;
  form.existingIcpNumber = application.existingIcpNumber ?? '';
  form.applicantType = a.type;
  form.applicant = {
    ...form.applicant,
    name: a.name,
    address: a.address,
    province: a.province,
    ...('creditCode' in a
      ? { creditCode: a.creditCode, legalRepresentative: a.legalRepresentative }
      : { idNumber: a.idNumber }),
    ...('idCardProvince' in a && a.idCardProvince ? { idCardProvince: a.idCardProvince } : {}),
    ...('nationality' in a ? { nationality: a.nationality } : {}),
    ...(a.type === 'FOREIGN_INDIVIDUAL'
      ? {
          residenceNumber: a.residenceRegistration?.number ?? '',
          residenceValidUntil: a.residenceRegistration?.validUntil ?? '',
        }
      : {}),
  };
  const leader = 'entityLeader' in a ? a.entityLeader : undefined;
  if (leader) {
    form.leader = {
      name: leader.name,
      idType: leader.idType,
      idNumber: leader.idNumber,
      mobile: leader.mobile,
      email: leader.email,
      emergencyName: leader.emergencyContact.name,
      emergencyMobile: leader.emergencyContact.mobile,
    };
  }
  form.websites = application.websites.map((w) => ({
    ...emptyWebsite(),
    name: w.name,
    domains: w.domains.map((d) => domainToUnicode(d)).join('\n'),
    ipAddresses: w.ipAddresses.join('\n'),
    serverProvince: w.serverProvince,
    contentCategories: [...w.contentCategories],
  }));
  const r = application.responsiblePerson;
  form.responsible = {
    name: r.name,
    idType: r.idType,
    idNumber: r.idNumber,
    mobile: r.mobile,
    email: r.email,
    emergencyName: r.emergencyContact.name,
    emergencyMobile: r.emergencyContact.mobile,
  };
  const c = application.commercial;
  if (c) {
    form.commercial = {
      generalIcpNumber: c.generalIcpNumber,
      registeredCapitalCny: String(c.registeredCapitalCny),
      legalRepName: c.legalRepresentative.name,
      legalRepIdNumber: c.legalRepresentative.idNumber,
      foreignOwnershipPercent: String(c.foreignOwnershipPercent),
      staffWithSocialInsurance: String(c.staffWithSocialInsurance),
    };
  }
  return form;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the string values of `stored` that `base` has as strings (what the form can show). */
function strings<T extends object>(base: T, stored: unknown): T {
  const out = { ...base } as Record<string, unknown>;
  if (!isRecord(stored)) return out as T;
  for (const [key, value] of Object.entries(base)) {
    if (typeof value === 'string' && typeof stored[key] === 'string') out[key] = stored[key];
  }
  return out as T;
}

/**
 * A form kept as a draft (../form-drafts.ts) back in the form: laid over an empty form, so a draft
 * of an older console version still fits; each website gets a fresh key for the list on screen.
 */
export function formFromDraft(stored: unknown): CaseForm | undefined {
  if (!isRecord(stored)) return undefined;
  const empty = emptyForm();
  const form = strings(empty, stored);
  form.filingType = FilingType.safeParse(form.filingType).data ?? empty.filingType;
  form.applicantType = ApplicantType.safeParse(form.applicantType).data ?? empty.applicantType;
  form.applicant = strings(empty.applicant, stored.applicant);
  form.leader = strings(empty.leader, stored.leader);
  form.leader.idType = PersonIdType.safeParse(form.leader.idType).data ?? empty.leader.idType;
  form.responsible = strings(empty.responsible, stored.responsible);
  form.responsible.idType = PersonIdType.safeParse(form.responsible.idType).data ?? empty.responsible.idType;
  form.commercial = strings(empty.commercial, stored.commercial);
  const websites = Array.isArray(stored.websites) ? stored.websites : [];
  form.websites = websites.map((site: unknown) => {
    const fresh = emptyWebsite();
    const website = { ...strings(fresh, site), uid: fresh.uid };
    const categories = isRecord(site) && Array.isArray(site.contentCategories) ? site.contentCategories : [];
    website.contentCategories = categories.filter(
      (c): c is ContentCategory => ContentCategory.safeParse(c).success,
    );
    return website;
  });
  if (form.websites.length === 0) form.websites = [emptyWebsite()];
  return form;
}

/** Problems keyed by field path ('websites.0.domains.1'); a path may have several. */
export type FieldErrors = Record<string, ErrorBody[]>;

export function groupByField(issues: readonly ErrorBody[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.field ?? '';
    out[key] = [...(out[key] ?? []), issue];
  }
  return out;
}

/**
 * Validates the form with the domain's application schema. `errors` block saving; `overrides` are
 * overridable checks (a checksum on a real but odd document) the server saves the draft with, for a
 * supervisor to accept before submission (`pendingOverrides`), so they do not block here either.
 */
export function validateForm(
  form: CaseForm,
  today?: string,
): { input: ApplicationInput; errors: FieldErrors; overrides: FieldErrors } {
  const input = toApplicationInput(form);
  // The form is always a new or edited application: the new-case rules apply (entity leader, …).
  const schema = applicationSchema({ forNewCase: true, ...(today ? { today: () => today } : {}) });
  const result = schema.safeParse(input);
  if (result.success) return { input, errors: {}, overrides: {} };
  const overridable = new Set(overridableCodes(result.error));
  const issues = fromZodError(result.error, input);
  return {
    input,
    errors: groupByField(issues.filter((issue) => !overridable.has(issue.code))),
    overrides: groupByField(issues.filter((issue) => overridable.has(issue.code))),
  };
}

/**
 * The problems a form control shows: those at its own path, and for list controls (a textarea of
 * domains) those at its items, which carry the 0-based item index after the path.
 */
export function errorsAt(
  errors: FieldErrors,
  path: string,
  list = false,
): Array<ErrorBody & { item?: number }> {
  const own = errors[path] ?? [];
  if (!list) return own;
  const items = Object.entries(errors).flatMap(([field, issues]) => {
    const match = field.startsWith(`${path}.`) ? /^(\d+)$/.exec(field.slice(path.length + 1)) : null;
    return match ? issues.map((issue) => ({ ...issue, item: Number(match[1]) })) : [];
  });
  return [...own, ...items];
}
