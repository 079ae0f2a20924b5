import type { Bilingual } from '#domain/bilingual';
import type { FilingType } from '#domain/filing';

/** How each filing type is named to applicants. */
export const FILING_TYPE_LABELS: Record<FilingType, Bilingual> = {
  GENERAL: { zh: 'ICP 备案（首次备案）', en: 'general ICP filing' },
  COMMERCIAL: { zh: 'ICP 经营许可证', en: 'commercial ICP licence' },
  ADD_WEBSITE: { zh: '新增网站', en: 'add-a-website filing' },
  CHANGE_HOSTING: { zh: '变更接入（更换服务器/IP）', en: 'hosting change' },
  CHANGE_ACCESS: { zh: '变更接入信息（本服务商内更换 IP）', en: 'access change' },
  CANCEL_WEBSITE: { zh: '注销网站', en: 'website cancellation' },
  TRANSFER_IN: { zh: '接入备案（从其他服务商转入）', en: 'transfer-in filing' },
  CANCEL_ACCESS: { zh: '取消接入', en: 'access withdrawal' },
  CHANGE_ENTITY: { zh: '变更主体', en: 'entity change' },
  CHANGE_WEBSITE: { zh: '变更网站', en: 'website change' },
  CANCEL_ENTITY: { zh: '注销主体', en: 'entity cancellation' },
  CLAIM: { zh: '备案认领', en: 'filing claim' },
};
