/**
 * The console's words in Chinese (default) and English. `t(key)` picks the current language;
 * `{name}` placeholders are filled from `vars`. The choice is remembered in localStorage (it is
 * not personal data; tokens never go there).
 */
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'icp.lang';

const M = {
  appName: ['ICP 备案服务', 'ICP Filing Service'],
  appTagline: ['网站 ICP 备案在线办理', 'Online ICP registration for your website'],
  skipToContent: ['跳到主要内容', 'Skip to main content'],
  language: ['语言', 'Language'],
  switchLanguage: ['English', '中文'],
  switchLanguageLabel: ['Switch to English', '切换到中文'],
  signIn: ['登录', 'Sign in'],
  signInStaff: ['工作人员登录', 'Staff sign-in'],
  signOut: ['退出登录', 'Sign out'],
  signingIn: ['正在登录…', 'Signing in…'],
  signInFailed: ['登录失败，请重试。', 'Sign-in failed. Please try again.'],
  sessionEnded: ['登录已过期，请重新登录。', 'Your session has ended. Please sign in again.'],
  signedInAs: ['当前用户', 'Signed in as'],
  roleApplicant: ['申请人', 'Applicant'],
  roleOfficer: ['审核员', 'Officer'],
  roleSupervisor: ['主管', 'Supervisor'],
  navMyCases: ['我的申请', 'My applications'],
  navNewCase: ['新建备案申请', 'New application'],
  navQueue: ['待办队列', 'Work queue'],
  navHelp: ['备案指南', 'Help'],
  mainNav: ['主导航', 'Main navigation'],
  loading: ['正在加载…', 'Loading…'],
  retry: ['重试', 'Retry'],
  refresh: ['刷新', 'Refresh'],
  back: ['返回', 'Back'],
  cancel: ['取消', 'Cancel'],
  save: ['保存', 'Save'],
  close: ['关闭', 'Close'],
  notFound: ['页面不存在。', 'Page not found.'],
  forbiddenRole: ['您的账号无权访问此页面。', 'Your account cannot open this page.'],
  configError: [
    '控制台配置无法加载（config.json）。',
    'The console settings (config.json) could not be loaded.',
  ],
  landingTitle: [
    '在中国大陆托管网站，需要先办理 ICP 备案',
    'A website hosted in mainland China needs an ICP number',
  ],
  landingText: [
    '在线填写申请、上传材料、预约面签并跟踪进度。首次备案免费，约 20 个工作日。',
    'Fill in the application, upload documents, book the verification and follow progress online. A general filing is free and takes about 20 business days.',
  ],
  landingHelp: ['办理前请先阅读备案指南', 'Read the guide before you start'],
  // case list
  myCasesTitle: ['我的备案申请', 'My ICP applications'],
  noCases: ['您还没有备案申请。', 'You have no applications yet.'],
  colCase: ['案件编号', 'Case'],
  colFilingType: ['备案类型', 'Filing type'],
  colApplicant: ['申请主体', 'Applicant'],
  colDomains: ['域名', 'Domains'],
  colStatus: ['状态', 'Status'],
  colUpdated: ['更新时间', 'Updated'],
  colProvince: ['省份', 'Province'],
  colOffice: ['面签办公室', 'Office'],
  colDue: ['截止日期', 'Due'],
  colStep: ['环节', 'Step'],
  loadMore: ['加载更多', 'Load more'],
  open: ['打开', 'Open'],
  // form
  newCaseTitle: ['新建备案申请', 'New ICP application'],
  editCaseTitle: ['修改申请 {id}', 'Edit application {id}'],
  editCaseIdentity: [
    '草稿中不能变更申请主体及其证件号码；如需变更，请撤回后重新创建申请。',
    'A draft cannot change who applies or their ID number; to change them, withdraw it and create a new application.',
  ],
  saveDraft: ['保存修改', 'Save changes'],
  overridesNotice: [
    '以下问题不影响保存草稿，但需主管确认后才能提交：',
    'You can save the draft with these, but a supervisor must accept them before it can be submitted:',
  ],
  editCase: ['修改申请信息', 'Edit the application'],
  newCaseIntro: [
    '请按证件原样填写。带 * 的为必填项。信息将按与服务器相同的规则即时校验。',
    'Enter details exactly as on the documents. Fields marked * are required. Entries are checked with the same rules the server uses.',
  ],
  sectionFiling: ['备案类型', 'Type of filing'],
  sectionApplicant: ['申请主体', 'Applicant'],
  sectionWebsites: ['网站信息', 'Websites'],
  sectionResponsible: ['网站负责人', 'Website responsible person'],
  sectionCommercial: ['经营性许可证信息', 'Commercial licence details'],
  filingType: ['备案类型', 'Filing type'],
  existingIcpNumber: ['已有 ICP 备案号', 'Existing ICP number'],
  applicantType: ['主体类型', 'Applicant type'],
  applicantName: ['姓名 / 单位名称', 'Name'],
  personName: ['姓名', 'Name'],
  companyName: ['单位名称（与营业执照一致）', 'Company name (as on the business licence)'],
  residentIdNumber: ['居民身份证号码', 'Resident ID number'],
  passportNumber: ['护照号码', 'Passport number'],
  nationality: ['国籍（两位国家代码，如 DE）', 'Nationality (two-letter code, e.g. DE)'],
  residenceNumber: ['临时住宿登记单编号', 'Temporary residence registration number'],
  residenceValidUntil: ['住宿登记有效期至', 'Residence registration valid until'],
  creditCode: ['统一社会信用代码', 'Unified Social Credit Code'],
  legalRepresentative: ['法定代表人', 'Legal representative'],
  address: ['证件地址 / 通信地址', 'Address'],
  province: ['所在省份', 'Province'],
  chooseProvince: ['请选择省份', 'Choose a province'],
  website: ['网站 {n}', 'Website {n}'],
  websiteName: ['网站名称', 'Website name'],
  websiteNameHint: [
    '个人网站名称不得含有“公司”“官方”等字样或使用域名。',
    'Individual sites may not use company-like words or the domain as the name.',
  ],
  domains: ['域名（每行一个）', 'Domains (one per line)'],
  domainsHint: ['只填域名，例如 example.cn', 'Domain names only, e.g. example.cn'],
  ipAddresses: ['服务器 IP 地址（每行一个）', 'Server IP addresses (one per line)'],
  serverProvince: ['服务器所在省份', 'Server province'],
  contentCategories: ['网站内容类别', 'Website content'],
  preApprovalNeeded: ['需要前置审批', 'needs pre-approval'],
  addWebsite: ['添加网站', 'Add a website'],
  removeWebsite: ['删除网站 {n}', 'Remove website {n}'],
  idType: ['证件类型', 'ID type'],
  idTypeResident: ['居民身份证', 'Resident ID card'],
  idTypePassport: ['护照', 'Passport'],
  idTypeHmtPermit: ['港澳台居民居住证', 'Hong Kong, Macao or Taiwan residence permit'],
  idTypePermanentResidence: ['外国人永久居留身份证', 'Foreigner permanent-residence ID card'],
  hmtPermitNumber: ['港澳台居民居住证号码', 'Residence permit number'],
  permanentResidenceIdNumber: ['永久居留身份证号码', 'Permanent-residence ID number'],
  organisationName: ['单位名称（与证照一致）', 'Organisation name (as on its licence or certificate)'],
  idCardProvince: ['证件住址所在省份', 'Province of the address on the ID card'],
  sectionEntityLeader: ['主体负责人', 'Entity leader'],
  entityLeaderIntro: [
    '主体负责人是单位备案的负责人，管局核验短信将发送至其手机。部分省份要求由法定代表人担任。',
    'The person in charge of the filing for the organisation; the bureau’s verification SMS goes to this mobile. Some provinces require the legal representative.',
  ],
  copyLegalRepresentative: ['由法定代表人担任', 'The legal representative'],
  idNumber: ['证件号码', 'ID number'],
  mobile: ['手机号码', 'Mobile number'],
  email: ['电子邮箱', 'Email'],
  emergencyName: ['应急联系人姓名', 'Emergency contact name'],
  emergencyMobile: ['应急联系人手机号码', 'Emergency contact mobile'],
  copyFromApplicant: ['与申请人相同', 'Same as the applicant'],
  generalIcpNumber: ['已取得的 ICP 备案号', 'General ICP number already held'],
  registeredCapital: ['注册资本（元）', 'Registered capital (CNY)'],
  legalRepName: ['法定代表人姓名', 'Legal representative name'],
  legalRepId: ['法定代表人证件号码', 'Legal representative ID number'],
  foreignOwnership: ['外资持股比例（%）', 'Foreign ownership (%)'],
  staffInsured: ['缴纳社保员工人数', 'Staff with social insurance'],
  required: ['必填', 'required'],
  createDraft: ['保存申请并继续上传材料', 'Save and continue to documents'],
  saving: ['正在保存…', 'Saving…'],
  formHasErrors: ['请更正以下 {n} 处问题：', 'Please correct {n} problem(s):'],
  notEligible: ['该申请不符合备案条件：', 'The application is not eligible:'],
  fieldLine: ['第 {n} 行', 'line {n}'],
  // case page
  caseTitle: ['备案申请 {id}', 'Application {id}'],
  nextStep: ['下一步', 'Next step'],
  submitCase: ['提交备案申请', 'Submit the application'],
  submitHint: [
    '提交后进入审核流程。尚未上传的材料可以在提交后继续上传。',
    'Submitting starts the review. Documents not uploaded yet can still be uploaded afterwards.',
  ],
  submitting: ['正在提交…', 'Submitting…'],
  withdrawCase: ['撤回申请', 'Withdraw the application'],
  withdrawConfirm: [
    '确定撤回该申请吗？撤回后不能恢复。',
    'Withdraw this application? This cannot be undone.',
  ],
  withdrawRequested: [
    '已提交撤回请求，稍后状态将更新。',
    'Withdrawal requested; the status will update shortly.',
  ],
  pendingOverrides: [
    '以下问题需由主管确认后才能提交：{codes}',
    'A supervisor must accept these before the application can be submitted: {codes}',
  ],
  documentsTitle: ['材料清单', 'Documents'],
  documentsIntro: [
    '请上传以下材料的清晰扫描件或照片。表格可打印预填版本，签字后扫描上传。',
    'Upload a clear scan or photo of each document. Print the forms pre-filled, sign them, and upload the scans.',
  ],
  documentsProgress: ['已通过 {done} / {total} 项', '{done} of {total} accepted'],
  printForm: ['打印预填表格', 'Print the pre-filled form'],
  backToCase: ['返回申请', 'Back to the application'],
  printNow: ['打印', 'Print'],
  printFormHowTo: [
    '请用 A4 纸打印本表，核对内容，由网站负责人手写签字（企业加盖公章）并填写日期，然后扫描为 PDF 上传为“{doc}”。',
    'Print this form on A4, check it, have the website responsible person sign and date it by hand (companies add the company seal), then scan it to PDF and upload it as “{doc}”.',
  ],
  printFormChinese: ['表格按管局要求使用中文。', 'The form is in Chinese, as the bureau requires.'],
  formNotPrintable: ['该申请不需要此表格。', 'This application does not need this form.'],
  acceptedFormats: ['格式：{types}；不超过 {size}', 'Formats: {types}; up to {size}'],
  reasonsAutomated: ['自动检查结果', 'Automated check'],
  reasonsOfficer: ['审核人员退回原因', 'Returned by the officer'],
  reasonsBureau: ['管局退回原因', 'Returned by the bureau'],
  uploadedAt: ['上传于 {at}', 'Uploaded {at}'],
  dropHere: ['将文件拖到此处，或', 'Drag the file here, or'],
  chooseFile: ['选择文件', 'choose a file'],
  uploadFor: ['上传：{doc}', 'Upload: {doc}'],
  replaceFile: ['重新上传', 'Upload again'],
  uploading: ['正在上传 {pct}%', 'Uploading {pct}%'],
  uploadProgress: ['上传进度', 'Upload progress'],
  checking: ['已上传，正在自动检查…', 'Uploaded; checking the file…'],
  uploadAccepted: ['已上传，通过自动检查。', 'Uploaded; the file passed the automatic check.'],
  uploadRefused: ['未通过自动检查：', 'Refused by the automatic check: '],
  uploadDone: ['上传完成。', 'Upload complete.'],
  wrongFileType: ['不支持该文件格式，请上传 {types}。', 'This file type is not accepted. Upload {types}.'],
  fileTooLarge: ['文件超过 {size}。', 'The file is larger than {size}.'],
  fileEmpty: ['文件为空。', 'The file is empty.'],
  timelineTitle: ['办理进度', 'Timeline'],
  timelineEmpty: ['暂无记录。', 'Nothing yet.'],
  byYou: ['您', 'You'],
  byOfficer: ['审核员', 'Officer'],
  bySystem: ['系统', 'System'],
  appointmentTitle: ['面签预约', 'In-person verification'],
  appointmentWhen: ['时间（北京时间）', 'Time (China time)'],
  appointmentWhere: ['地点', 'Place'],
  appointmentHours: ['办公时间', 'Office hours'],
  appointmentBring: ['请携带', 'Please bring'],
  icpTitle: ['您的 ICP 备案号', 'Your ICP number'],
  icpIntro: [
    '请将以下代码放在网站首页底部，备案号须链接到工信部备案管理系统。',
    'Put this snippet in the footer of your home page; the number must link to the MIIT filing system.',
  ],
  copySnippet: ['复制代码', 'Copy the snippet'],
  copied: ['已复制到剪贴板。', 'Copied to the clipboard.'],
  copyFailed: ['复制失败，请手动选择代码复制。', 'Copying failed; select the code and copy it.'],
  // statuses
  nextDRAFT: ['上传材料后提交申请。', 'Upload the documents, then submit.'],
  nextSUBMITTED: ['正在检查备案条件。', 'Checking eligibility.'],
  nextAWAITING_DOCUMENTS: ['请上传或补充下方标记的材料。', 'Upload or replace the documents marked below.'],
  nextCROSS_CHECKING: ['材料已齐，正在交叉核对。', 'All documents received; cross-checking them.'],
  nextUNDER_REVIEW: ['审核员正在审核您的材料。', 'An officer is reviewing your documents.'],
  nextLICENCE_REVIEW: ['正在审核经营许可证申请。', 'The licence application is under review.'],
  nextAWAITING_VERIFICATION: [
    '网站负责人需本人到办公室面签核验，预约信息见下方。',
    'The responsible person must appear in person; see the appointment below.',
  ],
  nextREADY_FOR_BUREAU: ['审核通过，即将提交管局。', 'Approved; about to be submitted to the bureau.'],
  nextAT_BUREAU: [
    '已提交通信管理局审核（约 20 个工作日）。请留意管局发送的短信核验。',
    'At the communications administration (about 20 business days). Watch for the bureau’s SMS verification.',
  ],
  nextAPPROVED: ['备案已通过。', 'The filing is approved.'],
  nextREJECTED: ['申请未通过。', 'The application was rejected.'],
  nextEXPIRED: ['申请因长时间未补充材料已过期。', 'The application expired waiting for documents.'],
  nextWITHDRAWN: ['申请已撤回。', 'The application was withdrawn.'],
  nextCLOSED_NO_SHOW: ['因未按时面签，申请已关闭。', 'Closed: the responsible person did not attend.'],
  nextFAILED: ['系统处理出错，工作人员正在处理。', 'A technical problem occurred; our staff are on it.'],
  // queue
  queueTitle: ['待办队列', 'Work queue'],
  filters: ['筛选', 'Filters'],
  filterStep: ['环节', 'Step'],
  filterProvince: ['省份', 'Province'],
  filterOffice: ['办公室', 'Office'],
  filterOverdue: ['仅显示逾期', 'Overdue only'],
  any: ['全部', 'Any'],
  queueEmpty: ['该队列暂无案件。', 'No cases in this queue.'],
  dueInDays: ['剩余 {n} 个工作日', '{n} business days left'],
  dueToday: ['今天到期', 'Due today'],
  overdueBy: ['逾期 {n} 个工作日', 'Overdue by {n} business days'],
  noDue: ['—', '—'],
  dueProvisional: ['暂定', 'provisional'],
  dueProvisionalWhy: [
    '该期间的法定节假日安排尚未公布，日期按估算的节假日计算，可能调整。',
    'The official holidays of this period are not published yet; the date uses estimated holidays and may move.',
  ],
  // officer case
  officerCaseTitle: ['案件 {id}', 'Case {id}'],
  currentStep: ['当前环节', 'Current step'],
  applicationTitle: ['申请信息', 'Application'],
  findings: ['自动检查结果', 'Automated findings'],
  noFindings: ['未发现问题。', 'No findings.'],
  preview: ['预览', 'Preview'],
  linksExpire: [
    '预览链接将于 {at} 失效，过期后请刷新。',
    'Preview links expire at {at}; refresh after that.',
  ],
  notUploaded: ['尚未上传', 'Not uploaded'],
  approveDoc: ['通过', 'Approve'],
  rejectDoc: ['退回', 'Return'],
  reasonTemplate: ['退回原因', 'Reason'],
  reasonOther: ['其他（请填写）', 'Other (write it)'],
  reasonZh: ['原因（中文）', 'Reason (Chinese)'],
  reasonEn: ['原因（英文）', 'Reason (English)'],
  reviewTitle: ['材料审核', 'Document review'],
  reviewIntro: [
    '逐项审核材料。全部通过则进入面签；任一退回则通知申请人重新上传被退回的材料。',
    'Decide each document. If all are approved the case moves on; returned documents go back to the applicant with your reasons.',
  ],
  reviewUndecided: ['还有 {n} 项材料未审核。', '{n} document(s) not decided yet.'],
  submitReviewApprove: ['全部通过，进入下一环节', 'Approve all and continue'],
  submitReviewReturn: ['退回 {n} 项材料给申请人', 'Return {n} document(s) to the applicant'],
  rejectCase: ['驳回整个申请', 'Reject the whole application'],
  rejectCaseReason: ['驳回原因', 'Reason for rejection'],
  confirmReject: ['确认驳回', 'Confirm rejection'],
  licenceTitle: ['经营许可证审核', 'Licence review'],
  feeYuan: ['费用（元）', 'Fee (CNY)'],
  approve: ['通过', 'Approve'],
  scheduleTitle: ['预约面签', 'Schedule the verification'],
  office: ['办公室', 'Office'],
  date: ['日期', 'Date'],
  time: ['时间（北京时间）', 'Time (China time)'],
  notBusinessDay: [
    '{date} 不是工作日，请选择工作日。',
    '{date} is not a business day; choose a business day.',
  ],
  holidayName: ['（{name}）', ' ({name})'],
  dateInPast: ['请选择将来的时间。', 'Choose a time in the future.'],
  bookAppointment: ['确认预约', 'Book the appointment'],
  verificationTitle: ['面签核验', 'In-person verification'],
  markPresent: ['本人已到场，核验通过', 'Present: identity verified'],
  markNoShow: ['未到场', 'No-show'],
  confirmNoShow: ['确认记录为未到场？', 'Record a no-show?'],
  bureauSubmissionTitle: ['提交管局', 'Submit to the bureau'],
  submittedAt: ['提交时间（北京时间）', 'Submitted at (China time)'],
  bureauReference: ['管局受理编号（可选）', 'Bureau reference (optional)'],
  recordSubmission: ['记录已提交管局', 'Record the submission'],
  smsTitle: ['短信核验', 'SMS verification'],
  smsIntro: [
    '管局会向网站负责人发送短信核验，申请人须在 24 小时内完成。',
    'The bureau texts the responsible person, who must complete the check within 24 hours.',
  ],
  smsDone: ['已完成短信核验（{at}）', 'SMS verification completed ({at})'],
  smsRecord: ['记录申请人已完成短信核验', 'Record that the applicant completed it'],
  smsNote: ['备注（可选）', 'Note (optional)'],
  smsWindowEnds: [
    '短信核验须在 {at}（北京时间）前完成',
    'The SMS check must be completed by {at} (China time)',
  ],
  smsFailed: [
    '记录核验失败（五次错误，管局退回）',
    'Record a failure (five wrong answers: the bureau returns it)',
  ],
  smsFailedConfirm: [
    '确认记录短信核验失败？备案将被退回。',
    'Record the SMS check as failed? The filing is returned.',
  ],
  bureauReturned: ['管局退回（需修改后重新提交）', 'Returned by the bureau (to correct and resubmit)'],
  returnTarget: ['需修改的内容', 'What to correct'],
  returnField: ['申请字段', 'Application field'],
  bureauReturnSubmit: ['记录管局退回', 'Record the return'],
  bureauReturnsTitle: ['管局退回记录', 'Returned by the bureau'],
  bureauReturnRound: [
    '第 {n} 次退回（{at}），剩余可退回次数 {left}',
    'Return {n} ({at}); returns left: {left}',
  ],
  correctDocument: ['请重新上传：{d}', 'Upload again: {d}'],
  correctField: ['请修改申请字段：{f}', 'Correct the application field: {f}'],
  providerDocumentsTitle: ['接入商资质材料', 'The provider’s qualification documents'],
  providerDocumentsIntro: [
    '经营性ICP许可证申请需附上接入商的资质材料（许可证、营业执照复印件及接入协议）。',
    'A commercial ICP licence application includes the hosting provider’s documents (its licence and business licence copies, the access agreement).',
  ],
  providerDocumentsNone: ['暂无接入商资质材料。', 'No provider documents yet.'],
  providerDocumentsReady: [
    '请下载以下材料，并附入您的许可证申请（链接几分钟内有效，过期后点击会自动刷新）：',
    'Download these and include them in your licence application (links last a few minutes; a click after that fetches a fresh one):',
  ],
  providerDocumentKind: ['材料', 'Document'],
  providerDocumentAttach: ['选择文件并上传', 'Choose a file and attach it'],
  licenceFeeTitle: ['经营许可证费用', 'Licence fee'],
  licenceFeeAmount: ['本省费用：{fee} 元人民币', 'The province’s fee: {fee} yuan (CNY)'],
  bureauDecisionTitle: ['管局审核结果', 'Bureau decision'],
  icpNumber: ['ICP 备案号', 'ICP number'],
  icpNumberOk: ['格式正确：{n}', 'Valid: {n}'],
  icpProvinceMismatch: [
    '备案号省份（{got}）与案件省份（{want}）不一致。',
    'The number’s province ({got}) does not match the case’s ({want}).',
  ],
  approveWithNumber: ['备案通过，发放备案号', 'Approve with this number'],
  bureauRejected: ['管局驳回', 'Rejected by the bureau'],
  auditTitle: ['审计记录', 'Audit trail'],
  emailsTitle: ['邮件通知', 'Emails'],
  emailsEmpty: ['暂无邮件。', 'No emails yet.'],
  colEmail: ['邮件', 'Email'],
  colEmailState: ['状态', 'State'],
  emailQueued: ['排队中', 'Queued'],
  emailSending: ['发送中', 'Sending'],
  emailSent: ['已发送', 'Sent'],
  emailFailed: ['发送失败', 'Failed'],
  emailAttempts: ['已尝试 {n} 次', '{n} attempt(s)'],
  emailNextAttempt: ['下次尝试：{at}', 'Next attempt: {at}'],
  emailSentAt: ['发送时间：{at}', 'Sent: {at}'],
  emailLastError: ['最近错误：{reason}', 'Last error: {reason}'],
  emailResend: ['重新发送', 'Send again'],
  emailResendConfirm: [
    '该邮件已发送，申请人将再收到一封。确定重新发送？',
    'This email was sent; the applicant will receive it again. Send it again?',
  ],
  colTime: ['时间', 'Time'],
  colActor: ['操作人', 'Actor'],
  colAction: ['操作', 'Action'],
  colDetail: ['详情', 'Detail'],
  supervisorTitle: ['主管操作', 'Supervisor overrides'],
  eligibilityWarningsTitle: ['需核实的事项', 'To check'],
  eligibilityWarningsIntro: [
    '资格检查提示以下事项，请在审核时核实；这些不是拒绝理由。',
    'The eligibility check asks you to look at these during the review; they are not reasons to refuse.',
  ],
  overrideDoc: ['覆盖自动检查结果（视为有效）', 'Override the automated finding (accept)'],
  overrideReason: ['覆盖原因（至少 5 个字）', 'Reason (at least 5 characters)'],
  overrideApp: ['接受申请校验问题', 'Accept an application check'],
  overrideCode: ['问题代码', 'Check code'],
  overridden: ['已由主管覆盖：{reason}', 'Overridden by a supervisor: {reason}'],
  decisionSent: ['已提交，流程正在处理…', 'Sent; the workflow is processing…'],
  waitingForStep: ['该案件当前没有待您处理的环节。', 'This case is not waiting on an officer.'],
  // help
  helpTitle: ['ICP 备案指南', 'ICP filing guide'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof M;

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage blocked: default to Chinese
  }
  return 'zh';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered; still switched
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The translator for a language. */
export function translator(lang: Lang) {
  const index = lang === 'zh' ? 0 : 1;
  return (key: MessageKey, vars?: Record<string, string | number>): string => {
    let text: string = M[key][index];
    if (vars)
      for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

export interface I18n {
  lang: Lang;
  t: ReturnType<typeof translator>;
  /** Picks the right half of a bilingual pair. */
  pick: (zh: string, en: string) => string;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: 'zh',
  t: translator('zh'),
  pick: (zh) => zh,
  setLang: () => undefined,
});

export const useI18n = (): I18n => useContext(I18nContext);

/** Every key has both languages (used by a unit test). */
export const messageKeys = (): MessageKey[] => Object.keys(M) as MessageKey[];
export const messagePair = (key: MessageKey): readonly [string, string] => M[key];
