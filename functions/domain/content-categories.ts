/**
 * What a website is about (网站内容类别). Some categories need a sector regulator's approval before the
 * filing (前置审批): news (网信办), publishing (新闻出版), medical care (卫健委), drugs and medical devices
 * (药监局), online audio/video (广电), religion (宗教事务部门) — the filing is refused without it.
 */
import * as z from 'zod';

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
  'OTHER',
]);
export type ContentCategory = z.infer<typeof ContentCategory>;

export const CONTENT_CATEGORIES: Readonly<
  Record<ContentCategory, { labelZh: string; labelEn: string; needsPreApproval: boolean }>
> = {
  PERSONAL: { labelZh: '个人空间、博客', labelEn: 'Personal site or blog', needsPreApproval: false },
  CORPORATE: { labelZh: '企业介绍', labelEn: 'Company presentation', needsPreApproval: false },
  TECHNOLOGY: { labelZh: '科技', labelEn: 'Technology', needsPreApproval: false },
  EDUCATION: { labelZh: '教育', labelEn: 'Education', needsPreApproval: false },
  ENTERTAINMENT: { labelZh: '休闲娱乐', labelEn: 'Entertainment', needsPreApproval: false },
  ECOMMERCE: { labelZh: '电子商务', labelEn: 'E-commerce', needsPreApproval: false },
  NEWS: { labelZh: '新闻', labelEn: 'News', needsPreApproval: true },
  PUBLISHING: { labelZh: '出版', labelEn: 'Publishing', needsPreApproval: true },
  MEDICAL: { labelZh: '医疗保健', labelEn: 'Medical care', needsPreApproval: true },
  DRUGS: { labelZh: '药品和医疗器械', labelEn: 'Drugs and medical devices', needsPreApproval: true },
  AUDIO_VIDEO: { labelZh: '网络视听', labelEn: 'Online audio and video', needsPreApproval: true },
  RELIGION: { labelZh: '宗教', labelEn: 'Religion', needsPreApproval: true },
  OTHER: { labelZh: '其他', labelEn: 'Other', needsPreApproval: false },
};

/** True when any of the categories needs a sector pre-approval document. */
export const needsPreApproval = (categories: readonly ContentCategory[]): boolean =>
  categories.some((c) => CONTENT_CATEGORIES[c].needsPreApproval);
