/**
 * Prerequisites of a commercial ICP licence (ICP经营许可证) the application carries data for, beyond
 * the registered capital (eligibility.ts). Both have lawful exceptions the application cannot show
 * (pilot zones, provinces that count staff otherwise); the catalogue does not mark them overridable
 * yet (overrides are the validators' mechanism), so `accepted` only drops them once it does.
 */
import type { CodedErrorBody } from './errors.ts';

/**
 * The foreign investors' share of a value-added telecom business may not exceed 50%: 《外商投资电信企业
 * 管理规定》 art. 6 ("经营增值电信业务…的外商投资电信企业的外方投资者在企业中的出资比例，最终不得超过50%") and
 * the 2020 negative list, art. 16 (e-commerce and a few others excepted), quoted at
 * https://mingdingkeji.com/news/zhengce/439.html and http://www.110.com/falv/waishangtouzifa/zhongwaihezijingyingqiyedesheli/zw/2010/0731/201804.html ,
 * checked 2026-12-02. Pilot zones (Shanghai FTZ, and MIIT's 2024 opening pilots in Beijing, Shanghai,
 * Hainan and Shenzhen) allow more.
 */
export const MAX_FOREIGN_EQUITY_PERCENT = 50;

/**
 * Staff with social insurance the provincial administrations expect: at least three (providers' licence
 * guides, e.g. http://www.qhhyzx.cn/shows/47/35832.html and http://www.tyicp.cn/shows/43/14703.html ,
 * checked 2026-12-02). Not a number in the regulations themselves (MIIT Order 42 art. 6 asks for
 * "与从事经营活动相适应的资金和专业人员"), so a rule of ours, named as such.
 */
export const MIN_INSURED_STAFF = 3;

export interface LicenceFacts {
  foreignOwnershipPercent: number;
  staffWithSocialInsurance: number;
}

/** The reasons the licence's prerequisites are not met, less those a supervisor accepted. */
export function licencePrerequisiteReasons(
  commercial: LicenceFacts,
  accepted: ReadonlySet<string>,
): CodedErrorBody[] {
  const reasons: CodedErrorBody[] = [];
  if (
    commercial.foreignOwnershipPercent > MAX_FOREIGN_EQUITY_PERCENT &&
    !accepted.has('FOREIGN_EQUITY_OVER_CAP')
  ) {
    reasons.push({
      code: 'FOREIGN_EQUITY_OVER_CAP',
      message: `Foreign investors may hold at most ${MAX_FOREIGN_EQUITY_PERCENT}% of a value-added telecom business outside the pilot zones (${commercial.foreignOwnershipPercent}% given).`,
      messageZh: `除试点地区外，经营增值电信业务的企业外资股比不得超过${MAX_FOREIGN_EQUITY_PERCENT}%（填写为${commercial.foreignOwnershipPercent}%）。`,
      field: 'commercial.foreignOwnershipPercent',
    });
  }
  if (commercial.staffWithSocialInsurance < MIN_INSURED_STAFF && !accepted.has('INSURED_STAFF_TOO_FEW')) {
    reasons.push({
      code: 'INSURED_STAFF_TOO_FEW',
      message: `A commercial ICP licence needs at least ${MIN_INSURED_STAFF} staff with social insurance (${commercial.staffWithSocialInsurance} given).`,
      messageZh: `申请经营性ICP许可证，须至少有${MIN_INSURED_STAFF}名缴纳社保的员工（填写为${commercial.staffWithSocialInsurance}名）。`,
      field: 'commercial.staffWithSocialInsurance',
    });
  }
  return reasons;
}
