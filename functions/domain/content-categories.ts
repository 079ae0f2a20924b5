/**
 * What a website is about (网站内容类别), and which categories need a sector regulator's approval before
 * the filing (前置审批): without the approval document the bureau refuses the filing.
 *
 * Sources (read 2026-12-02):
 *   [292]    《互联网信息服务管理办法》 (State Council Order No. 292), art. 5: "从事新闻、出版、教育、医疗保健、
 *            药品和医疗器械等互联网信息服务，依照法律、行政法规以及国家有关规定须经有关主管部门审核同意的，在申请
 *            经营许可或者履行备案手续前，应当依法经有关主管部门审核同意" (quoted at
 *            https://www.xiaosb.com/beian/10960/ ).
 *   [WX]     Tencent's WeChat mini-program ICP filing API, the pre-approval types the filing system uses today:
 *            新闻, 出版, 教育, 医疗保健, 药品和医疗器械, 电子公告服务, 文化, 广播电影电视节目, 网络预约车,
 *            互联网金融, 校外培训 (https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/record/queryIcpNrlxTypes.html ).
 *   [ZZY]    中资源 (zzy.cn) "如何办理前置审批" (https://help.zzy.cn/app/right_homepage_page.php?type=1&level=2&id=43&aid=733 ,
 *            updated 2017-11-03): the permit and regulator per category; 教育 "除浙江、青海、西藏外，其余省份
 *            已取消"; 医疗保健 "除河北、西藏外，其余省份已取消"; 文化 《网络文化经营许可证》 (省文化厅);
 *            网络预约车 《网络预约出租汽车经营许可证》 (交通管理部门). The province lists are from 2017: check
 *            them with the bureau before relying on them for a new province.
 * Internet finance (互联网金融) and off-campus training (校外培训) are on [WX] too, but which provinces ask
 * for them is not confirmed: not modelled yet (the officer asks at review).
 */
import * as z from 'zod';
import type { ProvinceCode } from './provinces.ts';

export const ContentCategory = z.enum([
  'PERSONAL', // 个人空间 / 博客
  'CORPORATE', // 企业介绍
  'TECHNOLOGY',
  'EDUCATION',
  'ENTERTAINMENT',
  'ECOMMERCE',
  'NEWS',
  'PUBLISHING',
  'MEDICAL',
  'DRUGS',
  'AUDIO_VIDEO',
  'RELIGION',
  'CULTURE',
  'RIDE_HAILING',
  'OTHER',
]);
export type ContentCategory = z.infer<typeof ContentCategory>;

export interface ContentCategoryInfo {
  labelZh: string;
  labelEn: string;
  /** The category needs a pre-approval (前置审批) somewhere in China. */
  needsPreApproval: boolean;
  /** Where only some bureaus still ask for it: those provinces (absent: every province). */
  preApprovalProvinces?: readonly ProvinceCode[];
  /** The approval document asked for. */
  permitZh?: string;
  /** Where the rule comes from (see the module comment). */
  source?: string;
}

export const CONTENT_CATEGORIES: Readonly<Record<ContentCategory, ContentCategoryInfo>> = {
  PERSONAL: { labelZh: '个人空间、博客', labelEn: 'Personal site or blog', needsPreApproval: false },
  CORPORATE: { labelZh: '企业介绍', labelEn: 'Company presentation', needsPreApproval: false },
  TECHNOLOGY: { labelZh: '科技', labelEn: 'Technology', needsPreApproval: false },
  EDUCATION: {
    labelZh: '教育',
    labelEn: 'Education',
    needsPreApproval: true,
    preApprovalProvinces: ['ZJ', 'QH', 'XZ'],
    permitZh: '教育主管部门的审核同意文件',
    source: '[292] art. 5, [WX] 教育, [ZZY] 2017',
  },
  ENTERTAINMENT: { labelZh: '休闲娱乐', labelEn: 'Entertainment', needsPreApproval: false },
  ECOMMERCE: { labelZh: '电子商务', labelEn: 'E-commerce', needsPreApproval: false },
  NEWS: {
    labelZh: '新闻',
    labelEn: 'News',
    needsPreApproval: true,
    permitZh: '互联网新闻信息服务许可证',
    source: '[292] art. 5, [WX] 新闻, [ZZY]',
  },
  PUBLISHING: {
    labelZh: '出版',
    labelEn: 'Publishing',
    needsPreApproval: true,
    permitZh: '网络出版服务许可证',
    source: '[292] art. 5, [WX] 出版, [ZZY]',
  },
  MEDICAL: {
    labelZh: '医疗保健',
    labelEn: 'Medical care',
    needsPreApproval: true,
    preApprovalProvinces: ['HE', 'XZ'],
    permitZh: '卫生健康主管部门的审核同意文件',
    source: '[292] art. 5, [WX] 医疗保健, [ZZY] 2017',
  },
  DRUGS: {
    labelZh: '药品和医疗器械',
    labelEn: 'Drugs and medical devices',
    needsPreApproval: true,
    permitZh: '互联网药品信息服务资格证书',
    source: '[292] art. 5, [WX] 药品和医疗器械, [ZZY]',
  },
  AUDIO_VIDEO: {
    labelZh: '广播电影电视节目',
    labelEn: 'Radio, film and TV programmes',
    needsPreApproval: true,
    permitZh: '信息网络传播视听节目许可证',
    source: '[WX] 广播电影电视节目, [ZZY]',
  },
  RELIGION: {
    labelZh: '宗教',
    labelEn: 'Religion',
    needsPreApproval: true,
    permitZh: '互联网宗教信息服务许可证',
    // Not on [WX]'s list: the filing system has no such type, but 互联网宗教信息服务管理办法 (2022) makes
    // the permit a condition of the service; kept from the previous version of this module.
    source: 'domain-facts.md (pre-approval categories)',
  },
  CULTURE: {
    labelZh: '文化',
    labelEn: 'Culture (games, performances, art works, music)',
    needsPreApproval: true,
    permitZh: '网络文化经营许可证',
    source: '[WX] 文化, [ZZY] 文化类',
  },
  RIDE_HAILING: {
    labelZh: '网络预约出租汽车',
    labelEn: 'Ride-hailing',
    needsPreApproval: true,
    permitZh: '网络预约出租汽车经营许可证',
    source: '[WX] 网络预约车, [ZZY] 网络预约车',
  },
  OTHER: { labelZh: '其他', labelEn: 'Other', needsPreApproval: false },
};

/** True when a category needs a pre-approval for a filing decided by `province`'s bureau (any, if unknown). */
export function categoryNeedsPreApproval(category: ContentCategory, province?: ProvinceCode): boolean {
  const info = CONTENT_CATEGORIES[category];
  if (!info.needsPreApproval) return false;
  if (!info.preApprovalProvinces || province === undefined) return true;
  return info.preApprovalProvinces.includes(province);
}

/** True when any of the categories needs a sector pre-approval document (in `province`, when given). */
export const needsPreApproval = (categories: readonly ContentCategory[], province?: ProvinceCode): boolean =>
  categories.some((c) => categoryNeedsPreApproval(c, province));
