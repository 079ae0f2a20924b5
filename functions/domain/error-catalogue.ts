/**
 * The catalogue of every error code the system shows to people (issue 19). One entry per code:
 * the HTTP status the API answers with, the default English and Chinese messages, and whether an
 * officer may override the failure (`overridable: true`; supervisors accept these per case).
 *
 * `ErrorCode` is the union of the keys: `DomainError`, `invalid`, eligibility reasons and the API's
 * `apiError` take only these, so a misspelt code is a compile error rather than a silent 400.
 * A call site may give a more specific message (one that names the value or the step); the entry's
 * message is the default, used where nothing more specific is said.
 *
 * Document inspection findings (FILE_TOO_LARGE and the like) are not errors of a request: they have
 * their own catalogue in functions/documents/findings.ts.
 *
 * Pure data: the console imports this module too (e.g. `OVERRIDABLE_CODES`).
 */

import { ENTITY_ERRORS } from './error-catalogue-entity.ts';
import { FIELD_ERRORS } from './error-catalogue-fields.ts';
import { REGISTRY_ERRORS } from './error-catalogue-registry.ts';

/** The statuses an error may have: client errors, and INTERNAL's 500. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500;

export interface ErrorEntry {
  status: ErrorStatus;
  /** Default English message. */
  message: string;
  /** Default Chinese message (applicants read Chinese first). */
  messageZh: string;
  /** An officer may accept this failure for a case (a checksum on a real but odd document, dated lists). */
  overridable?: true;
}

export const ERROR_CATALOGUE = {
  // -------------------------------------------------------------------------------------------
  // Requests, sign-in and the server

  BAD_REQUEST: { status: 400, message: 'The request is not valid.', messageZh: '请求无效。' },
  VALIDATION: { status: 400, message: 'Invalid request.', messageZh: '请求无效。' },
  MALFORMED_JSON: {
    status: 400,
    message: 'The request body is not valid JSON.',
    messageZh: '请求内容不是有效的 JSON。',
  },
  INVALID_CURSOR: { status: 400, message: 'The page cursor is not valid.', messageZh: '分页游标无效。' },
  /** Staff search: the text is neither a case id, an ICP, ID or credit-code number, a domain nor a name. */
  SEARCH_TEXT_UNUSABLE: {
    status: 400,
    message:
      'Search for a case id, an ICP number, an ID or credit-code number, a domain, or at least two characters of a name.',
    messageZh: '请输入案件编号、ICP 备案号、证件号码或统一社会信用代码、域名，或名称的至少两个字。',
  },
  UNAUTHORIZED: { status: 401, message: 'Please sign in.', messageZh: '请先登录。' },
  FORBIDDEN: { status: 403, message: 'You may not do this.', messageZh: '您无权执行此操作。' },
  NOT_FOUND: { status: 404, message: 'Not found.', messageZh: '未找到。' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.', messageZh: '不支持该请求方法。' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: 'The request body is larger than 64 KB.',
    messageZh: '请求内容超过 64 KB。',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Send the body as application/json.',
    messageZh: '请以 application/json 格式提交。',
  },
  /** The one 5xx: anything unexpected (the details go to the redacted log, never to the client). */
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on our side. Please try again later.',
    messageZh: '系统繁忙，请稍后重试。',
  },

  // -------------------------------------------------------------------------------------------
  // Cases

  CASE_NOT_FOUND: { status: 404, message: 'The case does not exist.', messageZh: '案件不存在。' },
  INVALID_CASE_ID: { status: 400, message: 'The case id is not valid.', messageZh: '案件编号无效。' },
  CASE_EXISTS: { status: 409, message: 'The case already exists.', messageZh: '案件已存在。' },
  OPEN_CASE_EXISTS: {
    status: 409,
    message: 'This applicant already has an open case; finish or withdraw it first.',
    messageZh: '该主体已有未完结的备案案件，请先完成或撤回该案件。',
  },
  VERSION_CONFLICT: {
    status: 409,
    message: 'The case was changed by someone else; reload and try again.',
    messageZh: '案件已被他人修改，请刷新后重试。',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    message: 'The case cannot move to that status.',
    messageZh: '案件状态不能如此变更。',
  },
  CASE_NOT_EDITABLE: {
    status: 409,
    message: 'Only a draft can be edited.',
    messageZh: '只有草稿状态的申请可以修改。',
  },
  ENTITY_CHANGE_NOT_ALLOWED: {
    status: 409,
    message: 'A draft cannot change the applicant’s identity. Withdraw it and create a new case.',
    messageZh: '草稿不能变更申请主体的证件信息，请撤回后重新创建申请。',
  },
  CASE_NOT_WITHDRAWABLE: {
    status: 409,
    message: 'The case cannot be withdrawn right now; try again in a moment.',
    messageZh: '当前无法撤回该申请，请稍后再试。',
  },
  CASE_CLOSED: { status: 409, message: 'The case is closed.', messageZh: '该案件已结束。' },
  NOT_ELIGIBLE: {
    status: 422,
    message: 'The application is not eligible.',
    messageZh: '该申请不符合备案条件。',
  },
  OVERRIDE_REQUIRED: {
    status: 409,
    message: 'A supervisor must first accept the pending checks.',
    messageZh: '需由主管先行确认待处理的问题。',
  },
  NOT_OVERRIDABLE: {
    status: 400,
    message: 'This check cannot be overridden.',
    messageZh: '该问题不可人工覆盖。',
  },
  NOTHING_TO_OVERRIDE: {
    status: 409,
    message: 'That document has no failed automated check to override.',
    messageZh: '该材料没有可覆盖的自动检查结果。',
  },

  // -------------------------------------------------------------------------------------------
  // Documents and uploads

  DOCUMENT_NOT_REQUIRED: {
    status: 400,
    message: 'This case does not ask for that document.',
    messageZh: '本案件无需提交该材料。',
  },
  DOCUMENT_DUPLICATE: {
    status: 400,
    message: 'A document is named twice.',
    messageZh: '同一材料被重复退回。',
  },
  CONTENT_TYPE_NOT_ALLOWED: {
    status: 400,
    message: 'This document does not accept that file type.',
    messageZh: '该材料不接受此文件格式。',
  },
  UPLOAD_NOT_ALLOWED: {
    status: 409,
    message: 'Documents can be uploaded while the case is a draft or waits for documents.',
    messageZh: '仅在草稿或等待补充材料阶段可以上传材料。',
  },
  // Why on-upload quarantined an object instead of inspecting it (functions/documents/upload-binding.ts);
  // the audit trail records them. 403: the object's writer was not given that upload.
  UPLOAD_ID_MISSING: {
    status: 403,
    message: 'The file did not come through an upload form issued for this case; it was quarantined.',
    messageZh: '该文件并非通过为本案件签发的上传表单提交，已被隔离。',
  },
  UPLOAD_ID_MISMATCH: {
    status: 403,
    message: "The file's upload id does not match the place it was stored at; it was quarantined.",
    messageZh: '该文件的上传编号与其存放位置不符，已被隔离。',
  },
  UPLOAD_NOT_ISSUED: {
    status: 403,
    message: 'No upload form was issued for this case under this upload id; the file was quarantined.',
    messageZh: '本案件未签发此上传编号的上传表单，文件已被隔离。',
  },
  UPLOAD_WRONG_DOCUMENT: {
    status: 403,
    message: 'The upload form was issued for another document of the case; the file was quarantined.',
    messageZh: '该上传表单是为本案件的其他材料签发的，文件已被隔离。',
  },
  UPLOAD_ARRIVED_LATE: {
    status: 403,
    message: 'The file arrived long after its upload form expired; it was quarantined.',
    messageZh: '文件在上传表单过期很久之后才到达，已被隔离。',
  },

  // -------------------------------------------------------------------------------------------
  // Officer steps

  STEP_NOT_PENDING: {
    status: 409,
    message: 'The case is not waiting for this step, or someone else has just decided it.',
    messageZh: '该案件当前不在此环节，或已由他人处理。',
  },
  TASK_GONE: {
    status: 409,
    message: 'The workflow is no longer waiting for this step (it timed out or ended).',
    messageZh: '流程已不再等待此环节（已超时或已结束）。',
  },
  EMAIL_NOT_FOUND: {
    status: 404,
    message: 'The case has no such email.',
    messageZh: '该案件没有这封邮件。',
  },
  EMAIL_BEING_SENT: {
    status: 409,
    message: 'This email is being sent right now; look again in a minute before asking for it again.',
    messageZh: '该邮件正在发送中，请一分钟后查看，如有需要再重新发送。',
  },
  APPOINTMENT_IN_PAST: {
    status: 400,
    message: 'The appointment must be in the future.',
    messageZh: '预约时间必须晚于当前时间。',
  },
  APPOINTMENT_NOT_BUSINESS_DAY: {
    status: 400,
    message: 'The appointment must be on a China business day.',
    messageZh: '预约日期必须为工作日（不含法定节假日）。',
  },
  SUBMITTED_IN_FUTURE: {
    status: 400,
    message: 'The submission time is in the future.',
    messageZh: '提交时间不能晚于当前时间。',
  },
  // The compliance record keeps time order (issue 14): the person appears at or after the
  // appointment's start, the filing goes to the bureau after that, the bureau decides after the
  // submission. The API refuses an out-of-order step rather than recording it.
  PRESENCE_BEFORE_APPOINTMENT: {
    status: 409,
    message: 'The appointment has not started yet: record the verification once it has.',
    messageZh: '预约时间尚未到，请在预约开始后再登记面签结果。',
  },
  NO_APPOINTMENT: {
    status: 409,
    message: 'The case has no appointment to record the verification against.',
    messageZh: '该案件没有面签预约，无法登记面签结果。',
  },
  NOT_YOUR_OFFICE: {
    status: 403,
    message: 'The appointment is at another office: only its officers (or a supervisor) may record it.',
    messageZh: '该预约不在您所在的办公室，只能由该办公室的审核员或主管登记。',
  },
  SUBMISSION_BEFORE_VERIFICATION: {
    status: 400,
    message: 'The submission cannot be earlier than the in-person verification.',
    messageZh: '报送管局的时间不能早于面签核验时间。',
  },
  DECISION_BEFORE_SUBMISSION: {
    status: 409,
    message: 'The bureau cannot have decided before the filing was submitted to it.',
    messageZh: '管局审核结果的登记时间不能早于报送时间。',
  },
  SMS_BEFORE_SUBMISSION: {
    status: 400,
    message: 'The SMS verification cannot be earlier than the submission to the bureau.',
    messageZh: '短信核验时间不能早于报送管局的时间。',
  },
  SMS_COMPLETED_IN_FUTURE: {
    status: 400,
    message: 'The SMS verification time is in the future.',
    messageZh: '短信核验时间不能晚于当前时间。',
  },
  SMS_STEP_NOT_PENDING: {
    status: 409,
    message:
      'This case’s workflow has no SMS step waiting (it was started before the step existed): record the bureau’s decision instead.',
    messageZh: '该案件的流程没有待处理的短信核验环节（流程启动于该环节上线之前），请直接登记管局审核结果。',
  },
  RETURN_REASON_TARGET: {
    status: 400,
    message:
      'Each reason of a return names exactly one thing to correct: a document (docType) or an application field (field).',
    messageZh:
      '退回的每条原因须指明一项需修改的内容：一份材料（docType）或一个申请字段（field），且只能指明一项。',
  },
  RETURN_FIELD_UNKNOWN: {
    status: 400,
    message: 'The application has no such field to correct.',
    messageZh: '申请信息中没有该字段。',
  },
  NO_CORRECTIONS_PENDING: {
    status: 409,
    message: 'The bureau has not returned any field of this case to correct.',
    messageZh: '管局未退回本案件需修改的申请信息。',
  },
  FIELD_NOT_RETURNED: {
    status: 400,
    message: 'Only the fields the bureau returned may be corrected.',
    messageZh: '只能修改管局退回时指明的字段。',
  },
  NOT_AT_BUREAU: {
    status: 409,
    message: 'The case is not at the bureau.',
    messageZh: '该案件当前不在管局审核阶段。',
  },
  // The provider's qualification documents (functions/domain/provider-documents.ts).
  PROVIDER_DOCUMENTS_COMMERCIAL_ONLY: {
    status: 409,
    message: 'Only a commercial licence case takes the provider’s qualification documents.',
    messageZh: '仅经营性ICP许可证申请需要接入商资质材料。',
  },
  PROVIDER_DOCUMENT_NOT_UPLOADED: {
    status: 409,
    message:
      'No file arrived for this upload. Upload the file with the form first (it expires after a few minutes).',
    messageZh: '未收到该次上传的文件，请先通过上传表单上传文件（表单几分钟后失效）。',
  },
  PROVIDER_DOCUMENT_NOT_PDF_OR_IMAGE: {
    status: 422,
    message: 'The file is not the PDF or image it was declared as.',
    messageZh: '文件内容不是所声明的 PDF 或图片格式。',
  },
  ICP_NUMBER_PROVINCE_MISMATCH: {
    status: 400,
    message: "The ICP number is not of the case's province.",
    messageZh: '备案号所属省份与案件所在省份不一致。',
  },
  // The number recorded with the bureau's approval, against the case (functions/domain/decision-number.ts).
  DECISION_NEEDS_FILING_NUMBER: {
    status: 400,
    message: 'A filing case ends with a filing number (…ICP备…号-N), not a licence number.',
    messageZh: '备案案件应填写ICP备案号（…ICP备…号-N），而不是许可证号。',
  },
  DECISION_NEEDS_LICENCE_NUMBER: {
    status: 400,
    message: 'A commercial licence case ends with the licence number, such as 京B2-20090059.',
    messageZh: '经营许可证案件应填写经营许可证编号，例如 京B2-20090059。',
  },
  DECISION_NEEDS_SITE_NUMBER: {
    status: 400,
    message: "Record the website's number with its site suffix, such as 京ICP备2026012345号-1.",
    messageZh: '请填写带网站序号的网站备案号，例如 京ICP备2026012345号-1。',
  },
  DECISION_NUMBER_NOT_OF_ENTITY: {
    status: 400,
    message: "The number must be under the entity's existing ICP number.",
    messageZh: '备案号应属于本主体已有的备案号。',
  },
  DECISION_ENTITY_NUMBER_MISMATCH: {
    status: 400,
    message:
      "A change, cancellation or claim of the entity keeps the entity's number, without a site suffix.",
    messageZh: '变更主体、注销主体或备案认领不改变主体备案号，请填写不带网站序号的主体备案号。',
  },
  DECISION_SITE_NUMBER_MISMATCH: {
    status: 400,
    message: "A hosting change keeps the website's existing number.",
    messageZh: '变更接入不改变网站备案号。',
  },

  ...FIELD_ERRORS,
  ...ENTITY_ERRORS,
  ...REGISTRY_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

type Catalogue = typeof ERROR_CATALOGUE;

/** Every error code the system may send. */
export type ErrorCode = keyof Catalogue;

/** The codes an officer may override (the entries marked `overridable: true`). */
export type OverridableCode = {
  [C in ErrorCode]: Catalogue[C] extends { overridable: true } ? C : never;
}[ErrorCode];

/** Every code, in catalogue order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** True when `code` is in the catalogue (for codes that arrive as data, e.g. in a request body). */
export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

/** The HTTP status of a code. */
export const statusOf = <C extends ErrorCode>(code: C): Catalogue[C]['status'] =>
  ERROR_CATALOGUE[code].status;

/** The overridable codes, derived from the catalogue: what a supervisor may accept for a case. */
export const OVERRIDABLE_CODES: readonly OverridableCode[] = ERROR_CODES.filter(
  (code): code is OverridableCode => (ERROR_CATALOGUE[code] as ErrorEntry).overridable === true,
);

/** True when a supervisor may accept a failure with this code. */
export const isOverridable = (code: string): code is OverridableCode =>
  (OVERRIDABLE_CODES as readonly string[]).includes(code);
