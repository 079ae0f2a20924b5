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
  NOT_AT_BUREAU: {
    status: 409,
    message: 'The case is not at the bureau.',
    messageZh: '该案件当前不在管局审核阶段。',
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
  DECISION_SITE_NUMBER_MISMATCH: {
    status: 400,
    message: "A hosting change keeps the website's existing number.",
    messageZh: '变更接入不改变网站备案号。',
  },

  // -------------------------------------------------------------------------------------------
  // Fields: schema rules (functions/domain/zod-errors.ts)

  REQUIRED: { status: 400, message: 'This field is required.', messageZh: '此项为必填项。' },
  INVALID: { status: 400, message: 'The value is not valid.', messageZh: '填写的内容不正确。' },
  INVALID_TYPE: {
    status: 400,
    message: 'The value has the wrong type.',
    messageZh: '填写的内容格式不正确。',
  },
  INVALID_FORMAT: { status: 400, message: 'The format is not valid.', messageZh: '填写的内容格式不正确。' },
  INVALID_OPTION: { status: 400, message: 'Choose a valid option.', messageZh: '请从给定选项中选择。' },
  UNKNOWN_FIELD: { status: 400, message: 'Unknown field.', messageZh: '包含无法识别的字段。' },
  TOO_FEW: { status: 400, message: 'Add more items.', messageZh: '填写的项数不足。' },
  TOO_MANY: { status: 400, message: 'Too many items.', messageZh: '填写的项数过多。' },
  TOO_SHORT: { status: 400, message: 'The value is too short.', messageZh: '填写的内容过短。' },
  TOO_LONG: { status: 400, message: 'The value is too long.', messageZh: '填写的内容过长。' },
  TOO_SMALL: { status: 400, message: 'The number is too small.', messageZh: '数值过小。' },
  TOO_BIG: { status: 400, message: 'The number is too large.', messageZh: '数值过大。' },

  // -------------------------------------------------------------------------------------------
  // Fields: identity numbers, contact details, ICP numbers

  ID_NUMBER_FORMAT: {
    status: 400,
    message: 'A resident ID number has 18 characters: 17 digits and a final digit or X.',
    messageZh: '身份证号码应为18位：前17位为数字，最后一位为数字或X。',
  },
  ID_NUMBER_REGION: {
    status: 400,
    message: 'The first six digits of the ID number are not a valid region code.',
    messageZh: '身份证号码前6位不是有效的地区代码。',
  },
  ID_NUMBER_BIRTH_DATE: {
    status: 400,
    message: 'Digits 7 to 14 of the ID number are not a real birth date.',
    messageZh: '身份证号码第7至14位不是有效的出生日期。',
  },
  ID_NUMBER_CHECKSUM: {
    status: 400,
    message:
      'The ID number is mistyped: its last character does not match. Please check it against the card.',
    messageZh: '身份证号码校验位不正确，请对照身份证仔细核对。',
  },
  CREDIT_CODE_FORMAT: {
    status: 400,
    message:
      'A Unified Social Credit Code has 18 characters: digits and capital letters except I, O, S, V and Z.',
    messageZh: '统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）。',
  },
  CREDIT_CODE_REGION: {
    status: 400,
    message: 'Characters 3 to 8 of the credit code are not a valid region code.',
    messageZh: '统一社会信用代码第3至8位不是有效的登记管理机关行政区划码。',
  },
  CREDIT_CODE_CHECKSUM: {
    status: 400,
    message:
      'The credit code is mistyped: its last character does not match. Please check it against the business licence.',
    messageZh: '统一社会信用代码校验位不正确，请对照营业执照核对。',
    overridable: true,
  },
  CREDIT_CODE_ORG_CHECKSUM: {
    status: 400,
    message: 'The organisation code inside the credit code (characters 9 to 17) fails its check digit.',
    messageZh: '统一社会信用代码中的组织机构代码（第9至17位）校验码不正确。',
    overridable: true,
  },
  MOBILE_FORMAT: {
    status: 400,
    message: 'Enter a mainland China mobile number: 11 digits starting with 1 (a +86 prefix is fine).',
    messageZh: '请填写中国大陆手机号码：以1开头的11位数字（可带 +86）。',
  },
  TEXT_INVISIBLE_CHARACTERS: {
    status: 400,
    message:
      'Remove the invisible, control or direction-changing characters (such as U+200B or U+202E) from this text.',
    messageZh: '请删除其中不可见、控制或改变文字方向的字符（如 U+200B、U+202E）。',
  },
  TEXT_UNSUPPORTED_CHARACTERS: {
    status: 400,
    message:
      'Remove the private-use or broken characters from this text: they read differently on every device.',
    messageZh: '请删除其中的私用区字符或编码错误的字符，它们在不同设备上显示不一致。',
  },
  NAME_WITHOUT_LETTER: {
    status: 400,
    message: 'A name needs at least one letter or Chinese character.',
    messageZh: '名称中至少应包含一个汉字或字母。',
  },
  EMERGENCY_CONTACT_SAME_MOBILE: {
    status: 400,
    message: "The emergency contact number must differ from the responsible person's own mobile.",
    messageZh: '应急联系电话不能与网站负责人手机号码相同。',
  },
  EMAIL_FORMAT: {
    status: 400,
    message: 'Enter a valid email address, such as name@example.com.',
    messageZh: '请填写有效的电子邮箱地址，例如 name@example.com。',
  },
  ICP_NUMBER_FORMAT: {
    status: 400,
    message: 'Enter the ICP number as issued, such as 京ICP备12345678号-1 or 京ICP证000001号.',
    messageZh: '请按备案号原样填写，例如 京ICP备12345678号-1 或 京ICP证000001号。',
  },
  ICP_NUMBER_PROVINCE: {
    status: 400,
    message: 'The ICP number does not start with a province abbreviation used in ICP numbers.',
    messageZh: '备案号开头不是有效的省份简称。',
  },
  ICP_NUMBER_SERIAL: {
    status: 400,
    message: 'A filing number (备) has 8 or 10 digits before 号; a licence number (证) has 6.',
    messageZh: '备案号（备）在“号”字前应为8位或10位数字，许可证号（证）应为6位数字。',
  },
  TELECOM_LICENCE_FORMAT: {
    status: 400,
    message: 'Enter the licence number as issued, such as 粤B2-20090059.',
    messageZh: '请按许可证原样填写经营许可证编号，例如 粤B2-20090059。',
  },
  EXISTING_ICP_NUMBER_REQUIRED: {
    status: 400,
    message: 'Adding a website or changing hosting needs the existing ICP number.',
    messageZh: '新增网站或变更接入需填写已有的ICP备案号。',
  },
  COMMERCIAL_DETAILS_REQUIRED: {
    status: 400,
    message: 'A commercial ICP licence needs the general ICP number and the company facts.',
    messageZh: '申请经营性ICP许可证需填写已取得的ICP备案号及公司相关信息。',
  },

  // -------------------------------------------------------------------------------------------
  // Fields: websites, domains and addresses

  WEBSITE_NAME_LENGTH: {
    status: 400,
    message: 'The website name is too short or too long.',
    messageZh: '网站名称长度不符合要求。',
  },
  WEBSITE_NAME_IS_DOMAIN: {
    status: 400,
    message: 'The website name must describe the site, not be its domain name or URL.',
    messageZh: '网站名称应描述网站内容，不能是域名或网址。',
  },
  WEBSITE_NAME_NO_WORDS: {
    status: 400,
    message: 'The website name cannot consist only of digits or symbols.',
    messageZh: '网站名称不能仅由数字或符号组成。',
  },
  WEBSITE_NAME_GENERIC: {
    status: 400,
    message: 'The website name is too generic; name what the site is about (e.g. 张三的摄影作品集).',
    messageZh: '网站名称过于笼统，请体现网站的具体内容（例如“张三的摄影作品集”）。',
  },
  DOMAIN_RESTRICTED_SUFFIX: {
    status: 400,
    message:
      'This domain suffix is reserved for another kind of organisation (.gov.cn and .政务 for government bodies, .edu.cn for schools and research institutions, .公益 for non-profit institutions).',
    messageZh:
      '该域名后缀仅限特定类型的单位使用（.gov.cn、.政务限党政机关，.edu.cn限教育科研机构，.公益限非营利机构）。',
  },
  WEBSITE_NAME_RESERVED_WORD: {
    status: 400,
    message: 'A personal website name cannot contain words that suggest an official or organisational site.',
    messageZh: '个人网站名称不能包含具有官方或组织机构含义的词语。',
  },
  DOMAIN_SYNTAX: {
    status: 400,
    message: 'Enter a domain name only, such as example.com or 例子.中国 (no http://, path or spaces).',
    messageZh: '请只填写域名，例如 example.com 或 例子.中国（不要包含 http://、路径或空格）。',
  },
  DOMAIN_UNKNOWN_SUFFIX: {
    status: 400,
    message: 'That is only a public suffix, not a domain one can register.',
    messageZh: '所填内容只是公共后缀，不是可注册的域名。',
  },
  DOMAIN_TLD_NOT_APPROVED: {
    status: 400,
    message:
      'The domain cannot be filed in China: its top-level domain is not one whose registry MIIT has approved. Check the spelling.',
    messageZh: '该后缀的域名无法在中国大陆备案（该顶级域不存在或未获工信部批准），请检查拼写。',
    overridable: true,
  },
  DOMAIN_DUPLICATE: { status: 400, message: 'The domain is listed twice.', messageZh: '域名重复填写。' },
  IP_ADDRESS_FORMAT: {
    status: 400,
    message: 'Enter a valid IPv4 or IPv6 address, such as 203.0.113.10.',
    messageZh: '请填写有效的 IPv4 或 IPv6 地址，例如 203.0.113.10。',
  },

  // -------------------------------------------------------------------------------------------
  // Eligibility (functions/domain/eligibility.ts): sent together as the `issues` of NOT_ELIGIBLE

  INDIVIDUAL_CANNOT_FILE_COMMERCIAL: {
    status: 422,
    message:
      'Individuals cannot apply for a commercial ICP licence; only businesses registered in China can.',
    messageZh: '个人不能申请经营性ICP许可证，仅限在中国境内注册的企业申请。',
  },
  GENERAL_ICP_NUMBER_INVALID: {
    status: 422,
    message: 'A commercial licence needs the entity’s general ICP filing number (…ICP备…号).',
    messageZh: '申请经营性许可证需先取得ICP备案号（…ICP备…号）。',
  },
  GENERAL_ICP_NUMBER_NOT_OF_ENTITY: {
    status: 422,
    message: 'The ICP number is not a filing of this company. Use the company’s own ICP number.',
    messageZh: '所填备案号不是本单位的备案号，请填写本单位已取得的ICP备案号。',
  },
  REGISTERED_CAPITAL_TOO_LOW: {
    status: 422,
    message: 'A commercial ICP licence needs a registered capital of at least 1,000,000 CNY.',
    messageZh: '申请经营性ICP许可证，公司注册资本不得低于100万元人民币。',
  },
  EXISTING_ICP_NUMBER_NOT_OF_ENTITY: {
    status: 422,
    message: 'The ICP number given is not a filing of this applicant.',
    messageZh: '所填备案号不属于本主体，请核对。',
  },
  PROVINCE_REFUSES_FOREIGN_INDIVIDUALS: {
    status: 422,
    message: 'This province’s bureau does not accept filings from foreign individuals.',
    messageZh: '该省通信管理局不受理外籍个人备案。',
  },
  RESIDENCE_REGISTRATION_REQUIRED: {
    status: 422,
    message: 'Foreign individuals need a temporary residence registration in China to file.',
    messageZh: '外籍个人备案需提供境外人员临时住宿登记信息。',
  },
  RESIDENCE_REGISTRATION_EXPIRED: {
    status: 422,
    message: 'The temporary residence registration has expired.',
    messageZh: '境外人员临时住宿登记已过期。',
  },
  PROVINCE_LOCAL_INDIVIDUALS_ONLY: {
    status: 422,
    message: 'This province’s bureau only accepts individuals with a local resident ID card.',
    messageZh: '该省通信管理局仅受理本省身份证的个人备案。',
  },
  IP_NOT_HOSTED_HERE: {
    status: 422,
    message:
      'The address is not one of our server addresses. A site must be filed through the provider whose servers host it.',
    messageZh: '该地址不属于本服务商的服务器地址。网站须通过实际提供服务器的接入商办理备案。',
  },
  DOMAIN_IS_SUBDOMAIN: {
    status: 422,
    message: 'File the registrable domain instead: a filing covers all its subdomains.',
    messageZh: '请备案主域名，子域名无需单独备案。',
  },
  DOMAIN_ALREADY_FILED: {
    status: 422,
    message: 'The domain is already filed; its subdomains need no separate filing.',
    messageZh: '该域名已备案，其子域名无需单独备案。',
  },
  REGISTRAR_NOT_ACCREDITED: {
    status: 422,
    message:
      'The domain’s registrar is not accredited in China. Transfer the domain to an accredited registrar first.',
    messageZh: '该域名的注册商不在工信部许可的域名注册服务机构名单内，请先将域名转入境内注册商。',
    overridable: true,
  },
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
