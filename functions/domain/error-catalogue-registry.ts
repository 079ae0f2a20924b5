/**
 * The catalogue's entries for the filings after the first and the registry they start from
 * (./filing-kinds.ts, ./filing-registry.ts). Part of ERROR_CATALOGUE (error-catalogue.ts), kept apart
 * by subject. Pure data: the console imports it too.
 */
import type { ErrorEntry } from './error-catalogue.ts';

export const REGISTRY_ERRORS = {
  EXISTING_NUMBER_NEEDS_SITE: {
    status: 400,
    message:
      "This filing acts on one website: give the website's number with its suffix, such as 京ICP备2026012345号-1.",
    messageZh: '此类申请针对单个网站，请填写带网站序号的备案号，例如 京ICP备2026012345号-1。',
  },
  ONE_WEBSITE_PER_CASE: {
    status: 400,
    message: 'This filing acts on one website: list only that website.',
    messageZh: '此类申请针对单个网站，请只填写该网站。',
  },
  FILING_NOT_FOUND: {
    status: 404,
    message: 'No approved filing of yours has this number.',
    messageZh: '未找到您名下的该备案。',
  },
  FILING_ACTION_NOT_ALLOWED: {
    status: 409,
    message: 'This action does not apply to the filing in its current state.',
    messageZh: '该备案当前的状态不适用此操作。',
  },
  SITE_NOT_HOSTED_HERE: {
    status: 422,
    message:
      'We do not host this website: only a site we host can have its access changed or be cancelled here.',
    messageZh: '该网站未接入本服务商，只有本服务商接入的网站才能在此变更接入或注销。',
  },
  SITE_ALREADY_HOSTED_HERE: {
    status: 422,
    message: 'We already host this website: change its access instead of transferring it in.',
    messageZh: '该网站已接入本服务商，请办理变更接入，无需接入备案。',
  },
  WEBSITE_CANCELLED: {
    status: 422,
    message: "The website's filing is cancelled.",
    messageZh: '该网站的备案已注销。',
  },
  ENTITY_ID_CANNOT_CHANGE: {
    status: 422,
    message:
      "A filed entity's credit code or ID number cannot change: a different code or number is a different entity. Cancel this entity's filing (cancel the entity) and file the new entity anew.",
    messageZh:
      '已备案主体的统一社会信用代码或证件号码不能变更：代码或号码不同即为另一个主体。请先注销该主体，再以新主体重新备案。',
  },
  ENTITY_PROVINCE_CANNOT_CHANGE: {
    status: 422,
    message:
      "An entity's filing stays with the bureau of its province: an entity that moved to another province cancels this filing and files anew there.",
    messageZh: '主体备案由所在省通信管理局管理，不能变更省份；迁往外省的主体请注销本备案后在新省份重新备案。',
  },
  ADDRESSES_CHANGE_BY_ACCESS_CHANGE: {
    status: 422,
    message:
      "A website change keeps the site's server addresses: change them with an access change (Change access) of their own.",
    messageZh: '变更网站不改变服务器 IP，如需更换 IP 请另行办理变更接入信息。',
  },
  ENTITY_CANCELLED: {
    status: 422,
    message: "The entity's filing is cancelled: file anew.",
    messageZh: '该主体的备案已注销，请重新备案。',
  },
  FILING_ALREADY_ON_RECORD: {
    status: 422,
    message:
      'This number is already on record with us: open it from My filings, or ask us if it is not yours.',
    messageZh: '该备案号已在本服务商登记，请在“我的备案”中办理；如非您名下，请联系我们。',
  },
} as const satisfies Record<string, ErrorEntry>;
