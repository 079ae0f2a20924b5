/** The officer's reason templates for returning a document (bilingual; the applicant reads them). */
export interface ReasonTemplate {
  code: string;
  labelZh: string;
  labelEn: string;
  messageZh: string;
  message: string;
}

export const REASON_TEMPLATES: readonly ReasonTemplate[] = [
  {
    code: 'NOT_SIGNED',
    labelZh: '缺少签字',
    labelEn: 'Not signed',
    messageZh: '缺少签字：请在指定位置手写签字后重新上传。',
    message: 'Not signed: sign the document by hand where indicated and upload it again.',
  },
  {
    code: 'NOT_LEGIBLE',
    labelZh: '图片模糊',
    labelEn: 'Image not legible',
    messageZh: '图片模糊：请在光线充足处拍摄或扫描，确保文字清晰完整后重新上传。',
    message: 'Image not legible: photograph or scan it in good light so all text is sharp and complete.',
  },
  {
    code: 'MISMATCH',
    labelZh: '信息与申请不一致',
    labelEn: 'Does not match the application',
    messageZh: '信息与申请不一致：材料中的信息须与申请表填写的内容完全一致。',
    message: 'Does not match the application: the details must be exactly those given in the application.',
  },
  {
    code: 'EXPIRED',
    labelZh: '已过期',
    labelEn: 'Expired',
    messageZh: '已过期：请上传在有效期内的证件或文件。',
    message: 'Expired: upload a document that is still valid.',
  },
  {
    code: 'SEAL_MISSING',
    labelZh: '缺少公章',
    labelEn: 'Company seal missing',
    messageZh: '缺少公章：请加盖单位公章后重新上传。',
    message: 'Company seal missing: stamp the document with the company seal and upload it again.',
  },
];

export const OTHER_REASON = 'OTHER';

/** The reason sent to the API for a template code, or for free text (either language may be left empty). */
export function reasonFor(
  code: string,
  custom: { zh: string; en: string },
): { code?: string; message: string; messageZh: string } | undefined {
  const template = REASON_TEMPLATES.find((r) => r.code === code);
  if (template) return { code: template.code, message: template.message, messageZh: template.messageZh };
  const zh = custom.zh.trim();
  const en = custom.en.trim();
  if (!zh && !en) return undefined;
  return { code: 'OFFICER_NOTE', message: en || zh, messageZh: zh || en };
}
