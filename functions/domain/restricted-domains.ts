/**
 * Domain suffixes only some kinds of organisation may hold, and so file: a site under them filed by
 * anyone else is refused before any document is asked for.
 *
 *   .gov.cn        government bodies (机关) only: "域名注册申请人必须是政府机关单位，其单位性质应为机关法人。
 *                  事业法人（包括政府下属事业单位）、企业法人或社团法人等不能申请gov.cn域名"
 *                  (http://www.hotmagic.cn/knowledge/2142342422.html , read 2026-12-02).
 *   .政务          Party, government and mass-organisation bodies (党政群机关) (中央编办政务和公益机构域名注册管理
 *                  中心 notice, https://zunmi.cn/news/200811/6966.html , read 2026-12-02).
 *   .公益          non-profit institutions: 事业单位, 社会团体, 民办非企业, 基金会 (same notice).
 *   .edu.cn        "高等院校、中小学校和各级依法设立的教育科研机构" (CERNET's EDU.CN registration rules,
 *                  CERNIC-020-CN, quoted at https://www.royotech.com/pages/toolbox/articles/web/15.php ,
 *                  read 2026-12-02): schools and research institutions register as 事业单位 or 民办非企业单位.
 *
 * The applicant kind comes from the USCC: its first character is the registration authority and the
 * second the kind of organisation (GB 32100-2015: 11 机关, 12 事业单位, 13 群众团体 under the
 * establishment office; 51 社会团体, 52 民办非企业单位, 53 基金会; 91 企业, 92 个体工商户, 93 农民专业合作社;
 * as listed at https://osuse.cn/post/10002590.html , read 2026-12-02).
 * Individuals and companies hold none of these suffixes. A for-profit private school (a company, 91) is
 * refused .edu.cn here; CERNIC decides such cases, and the school can file its other domains.
 */
import { type ApplicantType, isOrganisation } from './filing.ts';

export type RestrictedSuffix = 'gov.cn' | 'edu.cn' | 'xn--zfr164b' | 'xn--55qw42g';

/** The USCC kinds (first two characters) that may hold each restricted suffix. */
export const RESTRICTED_SUFFIX_HOLDERS: Readonly<Record<RestrictedSuffix, readonly string[]>> = {
  'gov.cn': ['11'],
  'xn--zfr164b': ['11', '13'], // .政务
  'xn--55qw42g': ['12', '51', '52', '53'], // .公益
  'edu.cn': ['12', '52'],
};

/** The restricted suffix a domain (ASCII, any level) falls under, if any. */
export function restrictedSuffixOf(asciiDomain: string): RestrictedSuffix | undefined {
  const name = asciiDomain.toLowerCase().replace(/\.$/, '');
  return (Object.keys(RESTRICTED_SUFFIX_HOLDERS) as RestrictedSuffix[]).find(
    (suffix) => name.endsWith(`.${suffix}`) || name === suffix,
  );
}

/** True when the applicant may file a domain under `asciiDomain` (always, unless the suffix is restricted). */
export function mayHoldDomain(
  asciiDomain: string,
  applicant: { type: ApplicantType; creditCode?: string } | { type: ApplicantType },
): boolean {
  const suffix = restrictedSuffixOf(asciiDomain);
  if (!suffix) return true;
  if (!isOrganisation(applicant.type) || !('creditCode' in applicant) || !applicant.creditCode) return false;
  return RESTRICTED_SUFFIX_HOLDERS[suffix].includes(applicant.creditCode.slice(0, 2));
}
