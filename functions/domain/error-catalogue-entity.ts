/**
 * The catalogue's entries for the applicant entity (issue 15): ID documents by kind, organisation
 * kinds, the entity leader, province rules, and the registrar check. Part of ERROR_CATALOGUE
 * (error-catalogue.ts). The `*_TO_CONFIRM` / lookup entries are officer warnings: eligibility reports
 * them beside its reasons without refusing the case; their status is what they would answer with if an
 * API ever refused on them.
 */
import type { ErrorEntry } from './error-catalogue.ts';

export const ENTITY_ERRORS = {
  ID_NUMBER_KIND_MISMATCH: {
    status: 400,
    message: 'The number belongs to another kind of ID document: choose that ID type.',
    messageZh: '该号码属于其他类型的证件，请选择对应的证件类型。',
  },
  CREDIT_CODE_KIND_MISMATCH: {
    status: 400,
    message: 'The credit code does not belong to the chosen kind of organisation: choose the kind it names.',
    messageZh: '统一社会信用代码与所选主体类型不符，请选择对应的主体类型。',
  },
  ENTITY_LEADER_REQUIRED: {
    status: 400,
    message:
      "An organisation's filing names its entity leader (主体负责人): name, ID document, mobile, email and an emergency contact.",
    messageZh: '单位备案须填写主体负责人信息：姓名、证件、手机号码、电子邮箱及应急联系人。',
  },
  ID_CARD_PROVINCE_REQUIRED: {
    status: 400,
    message: 'Choose the province of the address printed on the ID card.',
    messageZh: '请选择证件上住址所在的省份。',
  },
  ENTITY_LEADER_NOT_LEGAL_REPRESENTATIVE: {
    status: 422,
    message: "This province's bureau requires the entity leader to be the legal representative.",
    messageZh: '该省通信管理局要求主体负责人须为法定代表人。',
  },
  PERSON_UNDER_MINIMUM_AGE: {
    status: 422,
    message: "This province's bureau requires the entity leader and responsible person to be at least 18.",
    messageZh: '该省通信管理局要求负责人须年满18周岁。',
  },
  ONLY_COMPANIES_FILE_COMMERCIAL: {
    status: 422,
    message:
      'Only companies can apply for a commercial ICP licence; other organisations file a general ICP filing.',
    messageZh: '仅公司可以申请经营性ICP许可证，其他单位请办理非经营性ICP备案。',
  },
  COMPANY_REGISTERED_IN_OTHER_PROVINCE: {
    status: 422,
    message:
      "The credit code was issued in another province than the one filed in: check the licence's current address.",
    messageZh: '统一社会信用代码的登记地与备案省份不一致，请核对营业执照上的现住所。',
  },
  MOBILE_PROVINCE_TO_CONFIRM: {
    status: 422,
    message:
      "This province's bureau requires mobiles registered in the province: confirm it with the applicant.",
    messageZh: '该省通信管理局要求负责人手机号码归属地为本省，请与申请人核实。',
  },
  REGISTRAR_LOOKUP_FAILED: {
    status: 422,
    message: "The domain's registrar could not be looked up: check it on the registry's WHOIS at review.",
    messageZh: '未能查询到该域名的注册商，请在审核时通过注册局 WHOIS 核实。',
  },
} as const satisfies Record<string, ErrorEntry>;
