/**
 * Whether a case may proceed at all, before any document is asked for. The workflow's CheckEligibility
 * task calls checkEligibility; every reason is a bilingual ErrorBody with the field it concerns.
 */
import { type Application, applicantKey } from './application.ts';
import type { IsoDate } from './china-calendar.ts';
import { parseDomain } from './domain-name.ts';
import { entityRuleFindings } from './entity-eligibility.ts';
import type { ErrorCode } from './error-catalogue.ts';
import { type CodedErrorBody, errorBody } from './errors.ts';
import { isIndividual } from './filing.ts';
import { buildsOnExistingNumber, FILING_KINDS } from './filing-kinds.ts';
import { isInRanges, parseAddressRanges, validateRegistrar } from './hosting.ts';
import { parseIcpNumber } from './icp-number.ts';
import { licencePrerequisiteReasons } from './licence-prerequisites.ts';
import { provinceRule } from './province-rules.ts';
import { provinceByCode } from './provinces.ts';
import { isOutOfProvinceIndividual } from './required-documents.ts';

/**
 * Registered capital a commercial ICP licence needs for one province: 1,000,000 CNY
 * (电信业务经营许可管理办法, MIIT Order No. 42, 2017, art. 6).
 */
export const MIN_REGISTERED_CAPITAL_CNY = 1_000_000;

/** A filing already known for an entity (from our store or the bureau's public query). */
export interface KnownFiling {
  applicantKey: string;
  /** The entity's ICP number (a site suffix is ignored). */
  icpNumber: string;
  /** Domains filed under it. */
  domains?: readonly string[];
}

export interface EligibilityContext {
  /** Today's China date. */
  today: IsoDate;
  /** The provider's own address ranges (CIDR, IPv4 and IPv6). */
  providerAddressRanges: readonly string[];
  /** Applicant keys (applicantKey) that have another open case. */
  openCaseApplicantKeys: Iterable<string>;
  knownFilings?: readonly KnownFiling[];
  /** Registrar names from WHOIS/RDAP by registrable domain (ASCII); domains absent are checked later. */
  domainRegistrars?: Readonly<Record<string, string>>;
  /** Registrable domains (ASCII) whose registrar lookup failed: an officer checks them at review. */
  unresolvedRegistrars?: readonly string[];
  /** Overridable reason codes an officer accepted for this case. */
  acceptedOverrides?: readonly string[];
}

export interface EligibilityResult {
  eligible: boolean;
  reasons: CodedErrorBody[];
  /** What an officer should look at without the case being refused (a company that moved, …). */
  warnings: CodedErrorBody[];
}

const reason = (code: ErrorCode, message: string, messageZh: string, field?: string): CodedErrorBody => ({
  code,
  message,
  messageZh,
  ...(field === undefined ? {} : { field }),
});

const entityNumber = (icp: string): string | undefined => {
  const parsed = parseIcpNumber(icp);
  return parsed.ok ? parsed.value.entityNumber : undefined;
};

/** Checks every eligibility rule and returns all reasons at once, so the applicant can fix them together. */
export function checkEligibility(application: Application, context: EligibilityContext): EligibilityResult {
  const reasons: CodedErrorBody[] = [];
  const { applicant, filingType } = application;
  const key = applicantKey(applicant);
  const accepted = new Set(context.acceptedOverrides ?? []);
  const filingsOfEntity = (context.knownFilings ?? []).filter((f) => f.applicantKey === key);
  const entityNumbers = new Set(filingsOfEntity.map((f) => entityNumber(f.icpNumber)));
  const province = provinceByCode(applicant.province);
  const rule = provinceRule(applicant.province);

  if (filingType === 'COMMERCIAL') {
    if (isIndividual(applicant.type)) {
      reasons.push(
        reason(
          'INDIVIDUAL_CANNOT_FILE_COMMERCIAL',
          'Individuals cannot apply for a commercial ICP licence; only businesses registered in China can.',
          '个人不能申请经营性ICP许可证，仅限在中国境内注册的企业申请。',
          'filingType',
        ),
      );
    } else if (applicant.type !== 'CHINESE_BUSINESS') {
      // A value-added telecom licence is granted to companies only: 电信业务经营许可管理办法 (MIIT Order
      // No. 42, 2017), art. 6 (1): 经营者为依法设立的公司 (the same article as the capital rule above).
      reasons.push(
        reason(
          'ONLY_COMPANIES_FILE_COMMERCIAL',
          'Only companies can apply for a commercial ICP licence; other organisations file a general ICP filing.',
          '仅公司可以申请经营性ICP许可证，其他单位请办理非经营性ICP备案。',
          'filingType',
        ),
      );
    } else if (application.commercial) {
      const general = parseIcpNumber(application.commercial.generalIcpNumber);
      if (!general.ok || general.value.kind !== 'FILING') {
        reasons.push(
          reason(
            'GENERAL_ICP_NUMBER_INVALID',
            'A commercial licence needs the entity’s general ICP filing number (…ICP备…号).',
            '申请经营性许可证需先取得ICP备案号（…ICP备…号）。',
            'commercial.generalIcpNumber',
          ),
        );
      } else if (!entityNumbers.has(general.value.entityNumber)) {
        reasons.push(
          reason(
            'GENERAL_ICP_NUMBER_NOT_OF_ENTITY',
            `${general.value.entityNumber} is not a filing of this company. Use the company’s own ICP number.`,
            `${general.value.entityNumber} 不是本单位的备案号，请填写本单位已取得的ICP备案号。`,
            'commercial.generalIcpNumber',
          ),
        );
      }
      if (application.commercial.registeredCapitalCny < MIN_REGISTERED_CAPITAL_CNY) {
        reasons.push(
          reason(
            'REGISTERED_CAPITAL_TOO_LOW',
            'A commercial ICP licence needs a registered capital of at least 1,000,000 CNY.',
            '申请经营性ICP许可证，公司注册资本不得低于100万元人民币。',
            'commercial.registeredCapitalCny',
          ),
        );
      }
      reasons.push(...licencePrerequisiteReasons(application.commercial, accepted));
    }
  }

  if (buildsOnExistingNumber(filingType) && application.existingIcpNumber) {
    // A filing made through another provider is unknown here (that is what a hosting change usually
    // moves): only a number known to belong to someone else is refused; an unknown one is for the
    // officer to look up on beian.miit.gov.cn at review.
    const existing = entityNumber(application.existingIcpNumber);
    const knownNumbers = new Set((context.knownFilings ?? []).map((f) => entityNumber(f.icpNumber)));
    if (existing === undefined || (knownNumbers.has(existing) && !entityNumbers.has(existing))) {
      // An entity changing its details under another code or number is another entity (the registry's
      // rule, ./registry-eligibility.ts, gives the same reason).
      if (filingType === 'CHANGE_ENTITY' && existing !== undefined) {
        reasons.push(errorBody('ENTITY_ID_CANNOT_CHANGE', { field: 'applicant' }));
      } else
        reasons.push(
          reason(
            'EXISTING_ICP_NUMBER_NOT_OF_ENTITY',
            'The ICP number given is not a filing of this applicant.',
            '所填备案号不属于本主体，请核对。',
            'existingIcpNumber',
          ),
        );
    }
  }

  if (applicant.type === 'FOREIGN_PERMANENT_RESIDENT' && rule.refusesForeignIndividuals) {
    reasons.push(
      reason(
        'PROVINCE_REFUSES_FOREIGN_INDIVIDUALS',
        `The ${province.nameEn} bureau does not accept filings from foreign individuals.`,
        `${province.nameZh}通信管理局不受理外籍个人备案。`,
        'applicant.province',
      ),
    );
  }
  if (applicant.type === 'FOREIGN_INDIVIDUAL') {
    if (rule.refusesForeignIndividuals) {
      reasons.push(
        reason(
          'PROVINCE_REFUSES_FOREIGN_INDIVIDUALS',
          `The ${province.nameEn} bureau does not accept filings from foreign individuals.`,
          `${province.nameZh}通信管理局不受理外籍个人备案。`,
          'applicant.province',
        ),
      );
    }
    const registration = applicant.residenceRegistration;
    if (!registration) {
      reasons.push(
        reason(
          'RESIDENCE_REGISTRATION_REQUIRED',
          'Foreign individuals need a temporary residence registration in China to file.',
          '外籍个人备案需提供境外人员临时住宿登记信息。',
          'applicant.residenceRegistration',
        ),
      );
    } else if (registration.validUntil < context.today) {
      reasons.push(
        reason(
          'RESIDENCE_REGISTRATION_EXPIRED',
          'The temporary residence registration has expired.',
          '境外人员临时住宿登记已过期。',
          'applicant.residenceRegistration.validUntil',
        ),
      );
    }
  }

  if (rule.localIndividualsOnly && isOutOfProvinceIndividual(applicant)) {
    reasons.push(
      reason(
        'PROVINCE_LOCAL_INDIVIDUALS_ONLY',
        `The ${province.nameEn} bureau only accepts individuals whose ID card gives an address in ${province.nameEn}.`,
        `${province.nameZh}通信管理局仅受理证件地址在本省的个人备案。`,
        'applicant.province',
      ),
    );
  }

  if (new Set(context.openCaseApplicantKeys).has(key)) {
    reasons.push(
      reason(
        'OPEN_CASE_EXISTS',
        'This applicant already has an open case. Finish or withdraw it first.',
        '该主体已有正在办理的备案申请，请先完成或撤回该申请。',
      ),
    );
  }

  const ranges = parseAddressRanges(context.providerAddressRanges);
  const filedDomains = new Set(
    filingsOfEntity.flatMap((f) =>
      (f.domains ?? []).map((d) => parseDomain(d)).flatMap((d) => (d.ok ? [d.value.registrableDomain] : [])),
    ),
  );
  application.websites.forEach((site, i) => {
    site.ipAddresses.forEach((ip, j) => {
      if (!isInRanges(ip, ranges)) {
        reasons.push(
          reason(
            'IP_NOT_HOSTED_HERE',
            `${ip} is not one of our server addresses. A site must be filed through the provider whose servers host it.`,
            `${ip} 不属于本服务商的服务器地址。网站须通过实际提供服务器的接入商办理备案。`,
            `websites.${i}.ipAddresses.${j}`,
          ),
        );
      }
    });
    site.domains.forEach((raw, j) => {
      const parsed = parseDomain(raw);
      if (!parsed.ok) return; // the schema has reported it
      const domain = parsed.value;
      const field = `websites.${i}.domains.${j}`;
      if (domain.isSubdomain) {
        reasons.push(
          reason(
            'DOMAIN_IS_SUBDOMAIN',
            `File ${domain.registrableDomainUnicode} instead of ${domain.unicode}: a filing covers all its subdomains.`,
            `请备案主域名 ${domain.registrableDomainUnicode}，子域名 ${domain.unicode} 无需单独备案。`,
            field,
          ),
        );
      }
      // A commercial licence covers sites already filed, and a hosting change moves one: only a new
      // filing or an added website must not repeat a filed domain.
      if (FILING_KINDS[filingType].filesNewSite && filedDomains.has(domain.registrableDomain)) {
        reasons.push(
          reason(
            'DOMAIN_ALREADY_FILED',
            `${domain.registrableDomainUnicode} is already filed; its subdomains need no separate filing.`,
            `${domain.registrableDomainUnicode} 已备案，其子域名无需单独备案。`,
            field,
          ),
        );
      }
      const registrarName = context.domainRegistrars?.[domain.registrableDomain];
      if (registrarName !== undefined) {
        const registrar = validateRegistrar(registrarName);
        if (!registrar.ok && !accepted.has(registrar.error.code)) reasons.push({ ...registrar.error, field });
      }
    });
  });

  const entity = entityRuleFindings(application, context.today);
  reasons.push(...entity.reasons);
  const warnings = [...entity.warnings];
  for (const domain of new Set(context.unresolvedRegistrars ?? [])) {
    warnings.push(
      reason(
        'REGISTRAR_LOOKUP_FAILED',
        `The registrar of ${domain} could not be looked up: check it on the registry's WHOIS at review.`,
        `未能查询到 ${domain} 的注册商，请在审核时通过注册局 WHOIS 核实。`,
        fieldOfDomain(application, domain),
      ),
    );
  }

  return { eligible: reasons.length === 0, reasons, warnings };
}

/** The field path of the first domain of the application under this registrable domain. */
function fieldOfDomain(application: Application, registrable: string): string | undefined {
  for (const [i, site] of application.websites.entries()) {
    for (const [j, raw] of site.domains.entries()) {
      const parsed = parseDomain(raw);
      if (parsed.ok && parsed.value.registrableDomain === registrable) return `websites.${i}.domains.${j}`;
    }
  }
  return undefined;
}
