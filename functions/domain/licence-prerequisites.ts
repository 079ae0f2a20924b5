/**
 * Prerequisites of a commercial ICP licence (ICP经营许可证) the application carries data for, beyond
 * the registered capital (eligibility.ts). Both have lawful exceptions the application cannot show
 * (pilot zones, provinces that count staff otherwise), so both are overridable (error-catalogue-fields.ts):
 * a draft failing only these is saved with them pending, and a supervisor who has seen the proof (the
 * pilot approval, the staff records) accepts them for the case; `accepted` then drops them here.
 */
import type { CodedErrorBody } from './errors.ts';

/**
 * The foreign investors' share of a value-added telecom business may not exceed 50%: 《外商投资电信企业
 * 管理规定》 art. 6 ("经营增值电信业务…的外商投资电信企业的外方投资者在企业中的出资比例，最终不得超过50%") and
 * the 2020 negative list, art. 16 (e-commerce and a few others excepted), quoted at
 * https://mingdingkeji.com/news/zhengce/439.html and http://www.110.com/falv/waishangtouzifa/zhongwaihezijingyingqiyedesheli/zw/2010/0731/201804.html ,
 * checked 2026-12-02. Pilot zones allow more: MIIT's notice of April 2024 《关于开展增值电信业务扩大对外
 * 开放试点工作的通告》 lifts the cap for information services (news, publishing, audio-visual and internet
 * culture excepted) in the Beijing services-opening zone, the Shanghai FTZ Lingang area, the Hainan free
 * trade port and Shenzhen, for companies holding MIIT's pilot approval (reported at
 * https://tw.news.yahoo.com/%E5%A4%A7%E9%99%B8%E5%9B%9B%E5%9C%B0%E5%A2%9E%E5%80%BC%E9%9B%BB%E4%BF%A1%E6%A5%AD%E5%8B%99%E6%93%B4%E5%A4%A7%E5%B0%8D%E5%A4%96%E9%96%8B%E6%94%BE%E8%A9%A6%E9%BB%9E%E5%95%9F%E5%8B%95-024410055.html ,
 * checked 2026-12-02). Whether a company is in a pilot is for a supervisor to see on its approval,
 * hence the override rather than a rule by province.
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
