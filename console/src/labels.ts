/** Bilingual names of the domain's codes (statuses, steps, filing and applicant types, audit events). */

import { APPLICANT_KINDS } from '../../functions/domain/applicant-kinds.ts';
import type { CaseStatus, HumanStep } from '../../functions/domain/case-status.ts';
import type { ApplicantType, FilingType } from '../../functions/domain/filing.ts';

type Pair = readonly [zh: string, en: string, ...more: string[]];

export const STATUS_LABELS: Record<CaseStatus | 'MISSING', Pair> = {
  DRAFT: ['草稿', 'Draft'],
  SUBMITTED: ['已提交', 'Submitted'],
  AWAITING_DOCUMENTS: ['待上传材料', 'Awaiting documents'],
  CROSS_CHECKING: ['材料核对中', 'Cross-checking'],
  UNDER_REVIEW: ['审核中', 'Under review'],
  LICENCE_REVIEW: ['许可证审核中', 'Licence review'],
  AWAITING_VERIFICATION: ['待面签核验', 'Awaiting verification'],
  READY_FOR_BUREAU: ['待提交管局', 'Ready for the bureau'],
  AT_BUREAU: ['管局审核中', 'At the bureau'],
  APPROVED: ['已通过', 'Approved'],
  REJECTED: ['未通过', 'Rejected'],
  EXPIRED: ['已过期', 'Expired'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
  CLOSED_NO_SHOW: ['未面签已关闭', 'Closed (no-show)'],
  FAILED: ['处理出错', 'Failed'],
  MISSING: ['未上传', 'Not uploaded'],
};

export const DOCUMENT_STATUS_LABELS: Record<string, Pair> = {
  MISSING: ['未上传', 'Not uploaded'],
  PENDING: ['检查中', 'Checking'],
  VALID: ['已通过', 'Accepted'],
  INVALID: ['未通过检查', 'Failed checks'],
  REJECTED_BY_OFFICER: ['已退回', 'Returned'],
};

/** The tone a status is shown in; the label always carries the meaning too. */
export type Tone = 'neutral' | 'info' | 'action' | 'success' | 'danger' | 'muted';

export const STATUS_TONE: Record<string, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  AWAITING_DOCUMENTS: 'action',
  CROSS_CHECKING: 'info',
  UNDER_REVIEW: 'info',
  LICENCE_REVIEW: 'info',
  AWAITING_VERIFICATION: 'action',
  READY_FOR_BUREAU: 'info',
  AT_BUREAU: 'info',
  APPROVED: 'success',
  REJECTED: 'danger',
  EXPIRED: 'muted',
  WITHDRAWN: 'muted',
  CLOSED_NO_SHOW: 'muted',
  FAILED: 'danger',
  MISSING: 'neutral',
  PENDING: 'info',
  VALID: 'success',
  INVALID: 'danger',
  REJECTED_BY_OFFICER: 'danger',
};

export const STEP_LABELS: Record<HumanStep, Pair> = {
  DOCUMENTS: ['申请人上传材料', 'Applicant uploads'],
  REVIEW: ['材料审核', 'Document review'],
  LICENCE_REVIEW: ['许可证审核', 'Licence review'],
  APPOINTMENT: ['预约面签', 'Schedule verification'],
  VERIFICATION: ['面签核验', 'In-person verification'],
  BUREAU_SUBMISSION: ['提交管局', 'Bureau submission'],
  SMS_VERIFICATION: ['工信部短信核验', 'MIIT SMS verification'],
  BUREAU_DECISION: ['管局审核结果', 'Bureau decision'],
};

export const FILING_TYPE_LABELS: Record<FilingType, readonly [string, string, string, string]> = {
  GENERAL: [
    '首次备案（非经营性）',
    'General filing (备案)',
    '免费，约 20 个工作日',
    'Free, about 20 business days',
  ],
  COMMERCIAL: [
    '经营性 ICP 许可证',
    'Commercial ICP licence (经营许可证)',
    '仅限企业，需已有备案号，注册资本不低于 100 万元',
    'Companies only; needs a general ICP number and registered capital ≥ 1,000,000 CNY',
  ],
  ADD_WEBSITE: [
    '新增网站',
    'Add a website',
    '在已有备案号下增加网站',
    'Another site under an existing ICP number',
  ],
  CHANGE_HOSTING: [
    '变更接入',
    'Change hosting',
    '变更服务器 IP 或接入信息',
    'New IP address or hosting details for an existing filing',
  ],
  CHANGE_ACCESS: [
    '变更接入信息',
    'Change access',
    '本服务商托管的网站更换 IP 或服务器',
    'New IP addresses for a site we already host',
  ],
  CANCEL_WEBSITE: [
    '注销网站',
    'Cancel a website',
    '注销一个网站的备案，主体与其他网站保留',
    "Cancels one website's filing; the entity and its other sites stay",
  ],
  CANCEL_ACCESS: [
    '取消接入',
    'Withdraw access',
    '网站迁离本服务商，备案保留',
    'The site leaves our servers; its filing stays',
  ],
  TRANSFER_IN: [
    '接入备案（转入）',
    'Transfer in',
    '已在其他服务商备案的网站迁入本服务商，需面签核验',
    'A site filed through another provider moves here; in-person verification',
  ],
  CHANGE_ENTITY: [
    '变更主体',
    'Change the entity',
    '主体的地址、联系人、负责人或（依法变更后的）单位名称变更，证件号码不变',
    "The entity's address, contacts, leader or registered name change; its ID or credit code cannot",
  ],
  CHANGE_WEBSITE: [
    '变更网站',
    'Change a website',
    '网站名称、域名、负责人或服务内容变更，网站备案号不变；新负责人需面签核验',
    "A site's name, domains, responsible person or services change; a new responsible person is verified in person",
  ],
  CANCEL_ENTITY: [
    '注销主体',
    'Cancel the entity',
    '注销主体及其全部网站的备案号',
    "Cancels the entity's number and every website's under it",
  ],
  CLAIM: [
    '备案认领',
    'Claim a filing',
    '已在其他服务商备案的主体，凭证件材料将备案号带入本服务商',
    'An entity filed through another provider brings its number here, proven by its documents',
  ],
};

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, Pair> = {
  CHINESE_INDIVIDUAL: ['中国公民个人', 'Chinese individual'],
  CHINESE_BUSINESS: ['中国境内企业', 'Company registered in China'],
  FOREIGN_INDIVIDUAL: ['在华外籍个人', 'Foreign individual living in China'],
  HMT_RESIDENT: [APPLICANT_KINDS.HMT_RESIDENT.labelZh, APPLICANT_KINDS.HMT_RESIDENT.labelEn],
  FOREIGN_PERMANENT_RESIDENT: [
    APPLICANT_KINDS.FOREIGN_PERMANENT_RESIDENT.labelZh,
    APPLICANT_KINDS.FOREIGN_PERMANENT_RESIDENT.labelEn,
  ],
  SOLE_PROPRIETOR: [APPLICANT_KINDS.SOLE_PROPRIETOR.labelZh, APPLICANT_KINDS.SOLE_PROPRIETOR.labelEn],
  COOPERATIVE: [APPLICANT_KINDS.COOPERATIVE.labelZh, APPLICANT_KINDS.COOPERATIVE.labelEn],
  PUBLIC_INSTITUTION: [
    APPLICANT_KINDS.PUBLIC_INSTITUTION.labelZh,
    APPLICANT_KINDS.PUBLIC_INSTITUTION.labelEn,
  ],
  SOCIAL_ORGANISATION: [
    APPLICANT_KINDS.SOCIAL_ORGANISATION.labelZh,
    APPLICANT_KINDS.SOCIAL_ORGANISATION.labelEn,
  ],
  PRIVATE_NON_ENTERPRISE: [
    APPLICANT_KINDS.PRIVATE_NON_ENTERPRISE.labelZh,
    APPLICANT_KINDS.PRIVATE_NON_ENTERPRISE.labelEn,
  ],
  FOUNDATION: [APPLICANT_KINDS.FOUNDATION.labelZh, APPLICANT_KINDS.FOUNDATION.labelEn],
};

export const EVENT_LABELS: Record<string, Pair> = {
  CASE_CREATED: ['创建申请', 'Application created'],
  DRAFT_EDITED: ['修改草稿', 'Draft edited'],
  STATUS_CHANGED: ['状态变更', 'Status changed'],
  ELIGIBILITY_CHECKED: ['备案条件检查', 'Eligibility checked'],
  DOCUMENTS_CROSS_CHECKED: ['材料交叉核对', 'Documents cross-checked'],
  DOCUMENTS_RETURNED: ['材料被退回', 'Documents returned'],
  BUREAU_RETURNED: [
    '管局退回（非驳回），需修改后重新提交',
    'Returned by the bureau (not rejected): correct and resubmit',
  ],
  APPLICATION_CORRECTED: ['已按管局退回修改申请信息', 'Application corrected after the bureau’s return'],
  DOCUMENT_FINDING_OVERRIDDEN: ['主管覆盖材料检查结果', 'Document finding overridden'],
  APPLICATION_CHECK_OVERRIDDEN: ['主管确认申请校验问题', 'Application check accepted'],
  EMAIL_SENT: ['已发送邮件通知', 'Email sent'],
  EMAIL_FAILED: ['邮件多次发送失败', 'Email failed for good'],
  EMAIL_RESEND_REQUESTED: ['重新发送邮件', 'Email sent again'],
  NO_SHOW_RECORDED: ['记录未到场', 'No-show recorded'],
  SMS_VERIFICATION_RECORDED: ['已完成短信核验', 'SMS verification recorded'],
  PROVIDER_DOCUMENT_ATTACHED: ['接入商资质材料已上传', 'Provider document attached'],
  STEP_DECIDED: ['环节处理完成', 'Step decided'],
  STEP_OPENED: ['进入环节', 'Step opened'],
  WITHDRAWAL_REQUESTED: ['申请撤回', 'Withdrawal requested'],
  DOCUMENT_ACCEPTED: ['材料检查通过', 'Document passed the checks'],
  DOCUMENT_REJECTED: ['材料未通过检查', 'Document failed the checks'],
  UPLOAD_QUARANTINED: ['非签发上传的文件已隔离', 'File not from an issued upload quarantined'],
};

/** The label of a code in the language, falling back to the code itself. */
export function labelOf(table: Record<string, Pair>, code: string | undefined, lang: 'zh' | 'en'): string {
  if (!code) return '';
  const pair = table[code];
  return pair ? pair[lang === 'zh' ? 0 : 1] : code;
}

/** The emails the service sends, by template (functions/adapters/email/templates.ts). */
export const EMAIL_TEMPLATE_LABELS: Record<string, Pair> = {
  caseOpened: ['申请已创建', 'Application opened'],
  documentInvalid: ['材料未通过检查', 'Document not accepted'],
  documentsComplete: ['材料已齐全', 'Documents complete'],
  reviewRejected: ['材料需重新提交', 'Documents returned'],
  appointmentScheduled: ['面签预约', 'Appointment booked'],
  appointmentReminder: ['面签提醒', 'Appointment reminder'],
  noShow: ['未按预约到场', 'Missed appointment'],
  submittedToBureau: ['已提交管局', 'Submitted to the bureau'],
  approved: ['备案成功', 'Approved'],
  rejected: ['备案未通过', 'Rejected'],
  expiryReminder: ['到期提醒', 'Expiry reminder'],
  expired: ['案件已过期', 'Expired'],
  withdrawn: ['申请已撤回', 'Withdrawn'],
  presenceConfirmed: ['面签核验完成', 'Presence confirmed'],
  overrideRequested: ['草稿需主管特批', 'Override requested'],
  overrideAccepted: ['主管已特批', 'Override accepted'],
  providerDocumentsReady: ['接入商资质材料可下载', 'Provider documents ready'],
};
