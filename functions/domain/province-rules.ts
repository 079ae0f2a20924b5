/**
 * What each provincial communications administration (通信管理局) adds to the national rules, as dated,
 * sourced data: every entry names the page it comes from and the day it was checked, so a rule can be
 * re-checked (and removed) when a bureau changes its practice. `provinceRule` folds a province's entries
 * into the one shape the eligibility rules and the required-documents matrix read.
 */
import type { IsoDate } from './china-calendar.ts';
import type { DocumentType } from './document-types.ts';
import type { ProvinceCode } from './provinces.ts';

/** Where a rule comes from. */
export interface RuleSource {
  /** A short name of the publisher and page. */
  title: string;
  url: string;
}

export const SOURCES = {
  /** Huawei Cloud ICP filing guide, 各省管局要求 (one page per province, e.g. Shanghai icp_02_0013.html). */
  HUAWEI: { title: 'Huawei Cloud, 各省管局要求', url: 'https://support.huaweicloud.com/prepare-icp/' },
  /** Our issue #2: product decision of the provider's filing team, for rules no public page confirmed. */
  ISSUE_2: { title: 'Issue #2 (provider filing team, 2026), re-check', url: 'issue:2' },
  /** FinClip ICP guide, 甘肃管局备案要求 (a provider-side summary of the Gansu bureau's rules). */
  FINCLIP_GANSU: {
    title: 'FinClip, 甘肃管局备案要求',
    url: 'https://finclip.com/mop/document/operate/city-guidelines/gansu.html',
  },
  /** chinacc.net help, 安徽省备案审核规则(皖): rule 3 of the enterprise rules. */
  CHINACC_ANHUI: {
    title: 'chinacc.net, 安徽省备案审核规则',
    url: 'https://chinacc.net/help/article/37.html',
  },
  /**
   * Issue #15 and /work/shared/domain-facts.md ("Province rules seen in providers' documentation"):
   * marked "check" there; no public page for these provinces was found by our search on the day below.
   */
  ISSUE_15: { title: 'Issue #15 / domain-facts.md (providers’ documentation), re-check', url: 'issue:15' },
} as const satisfies Record<string, RuleSource>;

/** One requirement a bureau adds. */
export type Requirement =
  /** Individuals whose ID card address is in another province must add a local residence permit (居住证). */
  | { kind: 'OUT_OF_PROVINCE_RESIDENCE_PERMIT' }
  /** Only individuals whose ID card address is in the province may file. */
  | { kind: 'LOCAL_INDIVIDUALS_ONLY' }
  /** Foreign individuals may not file in this province. */
  | { kind: 'REFUSES_FOREIGN_INDIVIDUALS' }
  /** A document every filing in this province needs. */
  | { kind: 'EXTRA_DOCUMENT'; document: DocumentType }
  /** An organisation's entity leader must be its legal representative. */
  | { kind: 'ENTITY_LEADER_IS_LEGAL_REPRESENTATIVE' }
  /** An authorisation letter when the website's responsible person is not the legal representative. */
  | { kind: 'AUTHORISATION_LETTER_UNLESS_LEGAL_REPRESENTATIVE' }
  /** The entity leader, the individual applicant and the responsible person must be at least this old. */
  | { kind: 'MINIMUM_AGE'; years: number }
  /** Mobiles must be registered in the province (no number-range data here: an officer confirms it). */
  | { kind: 'LOCAL_MOBILE' };

export interface ProvinceRuleEntry {
  province: ProvinceCode;
  requirement: Requirement;
  source: RuleSource;
  /** The day the source was read. */
  checkedOn: IsoDate;
  /** The source's own words, so a reader can re-check it. */
  quote: string;
}

const HW = (province: ProvinceCode, requirement: Requirement, quote: string): ProvinceRuleEntry => ({
  province,
  requirement,
  source: SOURCES.HUAWEI,
  checkedOn: '2025-12-31',
  quote,
});

export const PROVINCE_RULE_ENTRIES: readonly ProvinceRuleEntry[] = [
  HW(
    'SH',
    { kind: 'OUT_OF_PROVINCE_RESIDENCE_PERMIT' },
    '证件地址非本市的，需同时提供本市居住证或临时居住证',
  ),
  HW('ZJ', { kind: 'OUT_OF_PROVINCE_RESIDENCE_PERMIT' }, '异地备案需要提供居住证'),
  HW('SD', { kind: 'OUT_OF_PROVINCE_RESIDENCE_PERMIT' }, '支持跨省备案，需上传本省有效期内学生证或居住证'),
  ...(['FJ', 'HB', 'GD'] as const).map(
    (province): ProvinceRuleEntry => ({
      province,
      requirement: { kind: 'OUT_OF_PROVINCE_RESIDENCE_PERMIT' },
      source: SOURCES.ISSUE_2,
      // The issue gives no day: this is the day the entry was carried into dated data, not confirmed.
      checkedOn: '2026-12-02',
      quote: 'residence permit for out-of-province individuals',
    }),
  ),
  {
    province: 'GD',
    requirement: { kind: 'EXTRA_DOCUMENT', document: 'GUANGDONG_COMMITMENT_LETTER' },
    source: SOURCES.ISSUE_2,
    checkedOn: '2026-12-02',
    quote: '广东省网站备案承诺书 (the Guangdong bureau’s own form, asked of every Guangdong filing)',
  },
  HW('HE', { kind: 'REFUSES_FOREIGN_INDIVIDUALS' }, '个人备案不支持外籍人士'),
  HW('SX', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人备案必须使用本省身份证'),
  HW('NM', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '非本省身份证不支持备案'),
  HW('GX', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人备案不允许异地备案'),
  HW('QH', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人备案必须是本地身份证'),
  HW('NX', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人不支持跨省备案'),
  HW('XJ', { kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人备案必须是本地身份证'),
  // Gansu: FinClip's summary of the bureau's rules, read 2026-12-02.
  ...(
    [
      [{ kind: 'LOCAL_INDIVIDUALS_ONLY' }, '个人备案证件地址必须是甘肃省'],
      [{ kind: 'MINIMUM_AGE', years: 18 }, '负责人需年满18周岁'],
      [{ kind: 'LOCAL_MOBILE' }, '负责人联系方式归属地必须为甘肃省'],
    ] as const
  ).map(
    ([requirement, quote]): ProvinceRuleEntry => ({
      province: 'GS',
      requirement,
      source: SOURCES.FINCLIP_GANSU,
      checkedOn: '2026-12-02',
      quote,
    }),
  ),
  {
    province: 'AH',
    requirement: { kind: 'AUTHORISATION_LETTER_UNLESS_LEGAL_REPRESENTATIVE' },
    source: SOURCES.CHINACC_ANHUI,
    checkedOn: '2026-12-02',
    quote: '主体负责人为法人时,网站负责人非法人时,需上传委托书至负责人身份证后',
  },
  ...(
    [
      ['SC', { kind: 'AUTHORISATION_LETTER_UNLESS_LEGAL_REPRESENTATIVE' }],
      ['QH', { kind: 'AUTHORISATION_LETTER_UNLESS_LEGAL_REPRESENTATIVE' }],
      ['XZ', { kind: 'ENTITY_LEADER_IS_LEGAL_REPRESENTATIVE' }],
      ['CQ', { kind: 'ENTITY_LEADER_IS_LEGAL_REPRESENTATIVE' }],
      ['QH', { kind: 'ENTITY_LEADER_IS_LEGAL_REPRESENTATIVE' }],
      ['XZ', { kind: 'MINIMUM_AGE', years: 18 }],
    ] as const
  ).map(
    ([province, requirement]): ProvinceRuleEntry => ({
      province,
      requirement,
      source: SOURCES.ISSUE_15,
      checkedOn: '2026-12-02',
      quote:
        'domain-facts.md: “Entity leader must be the legal representative: Tibet, Chongqing, Qinghai. Authorisation letter … Anhui, Sichuan, Qinghai. Responsible persons at least 18: Tibet, Gansu.”',
    }),
  ),
];

/** What a province adds, folded from its entries. */
export interface ProvinceRule {
  outOfProvinceIndividualsNeedResidencePermit?: boolean;
  localIndividualsOnly?: boolean;
  refusesForeignIndividuals?: boolean;
  extraDocuments?: readonly DocumentType[];
  entityLeaderIsLegalRepresentative?: boolean;
  authorisationLetterUnlessLegalRepresentative?: boolean;
  minimumAge?: number;
  localMobile?: boolean;
}

function fold(entries: readonly ProvinceRuleEntry[]): ProvinceRule {
  const rule: ProvinceRule = {};
  for (const { requirement } of entries) {
    switch (requirement.kind) {
      case 'OUT_OF_PROVINCE_RESIDENCE_PERMIT':
        rule.outOfProvinceIndividualsNeedResidencePermit = true;
        break;
      case 'LOCAL_INDIVIDUALS_ONLY':
        rule.localIndividualsOnly = true;
        break;
      case 'REFUSES_FOREIGN_INDIVIDUALS':
        rule.refusesForeignIndividuals = true;
        break;
      case 'EXTRA_DOCUMENT':
        rule.extraDocuments = [...(rule.extraDocuments ?? []), requirement.document];
        break;
      case 'ENTITY_LEADER_IS_LEGAL_REPRESENTATIVE':
        rule.entityLeaderIsLegalRepresentative = true;
        break;
      case 'AUTHORISATION_LETTER_UNLESS_LEGAL_REPRESENTATIVE':
        rule.authorisationLetterUnlessLegalRepresentative = true;
        break;
      case 'MINIMUM_AGE':
        rule.minimumAge = Math.max(rule.minimumAge ?? 0, requirement.years);
        break;
      case 'LOCAL_MOBILE':
        rule.localMobile = true;
        break;
    }
  }
  return rule;
}

/** The rule of a province (an empty rule where the province adds nothing). */
export const provinceRule = (province: ProvinceCode): ProvinceRule =>
  fold(PROVINCE_RULE_ENTRIES.filter((entry) => entry.province === province));

/** The sourced entries of one province, for the officer's view and the documentation. */
export const provinceRuleEntries = (province: ProvinceCode): readonly ProvinceRuleEntry[] =>
  PROVINCE_RULE_ENTRIES.filter((entry) => entry.province === province);
