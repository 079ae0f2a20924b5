/**
 * The catalogue's entries for the fields of an application: schema rules, identity numbers and
 * contact details, websites, domains and addresses, and eligibility. Part of ERROR_CATALOGUE
 * (error-catalogue.ts), kept apart by subject. Pure data: the console imports it too.
 */
import type { ErrorEntry } from './error-catalogue.ts';

export const FIELD_ERRORS = {
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
    message:
      'Adding a website, changing hosting or access, cancelling or transferring a website needs the existing ICP number.',
    messageZh: '新增网站、变更接入、注销网站或接入备案需填写已有的ICP备案号。',
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
  FOREIGN_EQUITY_OVER_CAP: {
    status: 422,
    message:
      'Foreign investors may hold at most 50% of a value-added telecom business outside the pilot zones.',
    messageZh: '除试点地区外，经营增值电信业务的企业外资股比不得超过50%。',
    // A company in a pilot zone may hold more (functions/domain/licence-prerequisites.ts): a supervisor
    // accepts it after seeing the pilot approval.
    overridable: true,
  },
  INSURED_STAFF_TOO_FEW: {
    status: 422,
    message: 'A commercial ICP licence needs at least 3 staff with social insurance.',
    messageZh: '申请经营性ICP许可证，须至少有3名缴纳社保的员工。',
    // Our rule, not the regulation's (licence-prerequisites.ts): a supervisor may accept fewer.
    overridable: true,
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
