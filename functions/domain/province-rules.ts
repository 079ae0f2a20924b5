/**
 * What each provincial communications administration (通信管理局) adds to the national rules.
 * Sources (each rule below names its own):
 *   [HW] Huawei Cloud ICP filing guide, "各省管局要求" (https://support.huaweicloud.com/prepare-icp/ ,
 *        e.g. Shanghai icp_02_0013.html), content as of 2025-12-31.
 *   [ISSUE] our issue #2 (product decision from the provider's filing team, 2026), for provinces whose
 *        residence-permit rule we could not confirm from a public page; re-check before relying on it.
 */
import type { DocumentType } from './document-types.ts';
import type { ProvinceCode } from './provinces.ts';

export interface ProvinceRule {
  /** Individuals whose ID card is from another province must add a local residence permit (居住证). */
  outOfProvinceIndividualsNeedResidencePermit?: boolean;
  /** Only individuals with a local ID card may file (no out-of-province individuals at all). */
  localIndividualsOnly?: boolean;
  /** Foreign individuals may not file in this province. */
  refusesForeignIndividuals?: boolean;
  /** Extra documents every filing in this province needs. */
  extraDocuments?: readonly DocumentType[];
}

export const PROVINCE_RULES: Readonly<Partial<Record<ProvinceCode, ProvinceRule>>> = {
  // [HW] 上海管局要求 (2025-12-31): 证件地址非本市的，需同时提供本市居住证或临时居住证.
  SH: { outOfProvinceIndividualsNeedResidencePermit: true },
  // [HW] 浙江管局要求 (2025-12-31): 异地备案需要提供居住证. (The bureau's review period is the national 20
  // working days, MIIT Order 33 art. 12: see sla.ts; no province rule changes it.)
  ZJ: { outOfProvinceIndividualsNeedResidencePermit: true },
  // [HW] 山东管局要求 (2025-12-31): 支持跨省备案，需上传本省有效期内学生证或居住证.
  SD: { outOfProvinceIndividualsNeedResidencePermit: true },
  // [ISSUE] (2026): residence permit for out-of-province individuals in Fujian and Hubei.
  FJ: { outOfProvinceIndividualsNeedResidencePermit: true },
  HB: { outOfProvinceIndividualsNeedResidencePermit: true },
  // [ISSUE] (2026) and the Guangdong bureau's own form, 广东省网站备案承诺书, asked of every Guangdong filing.
  GD: { outOfProvinceIndividualsNeedResidencePermit: true, extraDocuments: ['GUANGDONG_COMMITMENT_LETTER'] },
  // [HW] 河北管局要求 (2025-12-31): 个人备案不支持外籍人士 (foreign individuals are not accepted).
  HE: { refusesForeignIndividuals: true },
  // [HW] 山西管局要求 (2025-12-31): 个人备案必须使用本省身份证.
  SX: { localIndividualsOnly: true },
  // [HW] 内蒙古管局要求 (2025-12-31): 非本省身份证不支持备案.
  NM: { localIndividualsOnly: true },
  // [HW] 广西管局要求 (2025-12-31): 个人备案不允许异地备案.
  GX: { localIndividualsOnly: true },
  // [HW] 青海管局要求 (2025-12-31): 个人备案必须是本地身份证.
  QH: { localIndividualsOnly: true },
  // [HW] 宁夏管局要求 (2025-12-31): 个人不支持跨省备案.
  NX: { localIndividualsOnly: true },
  // [HW] 新疆管局要求 (2025-12-31): 个人备案必须是本地身份证.
  XJ: { localIndividualsOnly: true },
};

/** The rule of a province (an empty rule where the province adds nothing). */
export const provinceRule = (province: ProvinceCode): ProvinceRule => PROVINCE_RULES[province] ?? {};
