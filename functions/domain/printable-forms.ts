/**
 * The forms an applicant prints, signs by hand (companies also seal) and uploads as a scan:
 * 网站备案信息真实性核验单, 网站备案申请表 and 信息安全承诺书, pre-filled from the case so that only
 * the signature, seal and date are left. The bureau works in Chinese, so the forms are in Chinese.
 *
 * The wording is this provider's own, written to the rules it cites (互联网信息服务管理办法,
 * 非经营性互联网信息服务备案管理办法, 网络安全法); compliance may replace it with their templates.
 * Which forms these are is PRINTABLE_FORMS in ./document-types.ts; the console lays the content out
 * for A4 (console/src/pages/printable-form.tsx).
 */
import { APPLICANT_KINDS } from './applicant-kinds.ts';
import type { Application } from './application.ts';
import { CONTENT_CATEGORIES } from './content-categories.ts';
import type { PrintableForm } from './document-types.ts';
import { type FilingType, isIndividual } from './filing.ts';
import { domainToUnicode } from './idn.ts';
import { provinceByCode } from './provinces.ts';

export interface FormSection {
  heading: string;
  /** Label and value; an empty value is a line left to fill in by hand. */
  rows: Array<[label: string, value: string]>;
}

export interface PrintableFormContent {
  title: string;
  /** The case the form belongs to, printed in the corner so an officer can match the scan. */
  reference: string;
  sections: FormSection[];
  /** Numbered when there is more than one. */
  statements: string[];
  /** The boxes at the foot: who signs, seals and dates. */
  signatures: string[];
}

export interface PrintableFormInput {
  caseId: string;
  filingType: FilingType;
  application: Application;
}

const FILING_TYPE_ZH: Record<FilingType, string> = {
  GENERAL: '首次备案',
  COMMERCIAL: '经营性 ICP 许可证',
  ADD_WEBSITE: '新增网站',
  CHANGE_HOSTING: '变更接入',
  CHANGE_ACCESS: '变更接入信息',
  CANCEL_WEBSITE: '注销网站',
  TRANSFER_IN: '接入备案',
  CANCEL_ACCESS: '取消接入',
  CHANGE_ENTITY: '变更主体',
  CHANGE_WEBSITE: '变更网站',
  CANCEL_ENTITY: '注销主体',
  CLAIM: '备案认领',
};

const TITLES: Record<PrintableForm, string> = {
  WEBSITE_VERIFICATION_FORM: '网站备案信息真实性核验单',
  REGISTRATION_APPLICATION_FORM: '网站备案申请表',
  SECURITY_COMMITMENT: '信息安全承诺书',
};

const provinceZh = (code: string) => provinceByCode(code as Parameters<typeof provinceByCode>[0]).nameZh;

function entitySection(applicant: Application['applicant']): FormSection {
  const kind = APPLICANT_KINDS[applicant.type];
  const who = isIndividual(applicant.type) ? '主办者' : '主办单位';
  const leader = 'entityLeader' in applicant ? applicant.entityLeader : undefined;
  const extra: Array<[string, string]> =
    'legalRepresentative' in applicant
      ? [
          ['法定代表人', applicant.legalRepresentative],
          ...(leader
            ? ([
                ['主体负责人', leader.name],
                ['主体负责人证件号码', leader.idNumber],
                ['主体负责人手机', leader.mobile],
              ] as Array<[string, string]>)
            : []),
        ]
      : 'nationality' in applicant
        ? [
            ['国籍', applicant.nationality],
            ...('residenceRegistration' in applicant
              ? ([['境外人员临时住宿登记单编号', applicant.residenceRegistration?.number ?? '']] as Array<
                  [string, string]
                >)
              : []),
          ]
        : [];
  const kindRows = { who, nature: kind.natureZh, idType: kind.idDocumentZh };
  return {
    heading: `${kindRows.who}信息`,
    rows: [
      [`${kindRows.who}名称`, applicant.name],
      [`${kindRows.who}性质`, kindRows.nature],
      ['证件类型', kindRows.idType],
      ['证件号码', 'creditCode' in applicant ? applicant.creditCode : applicant.idNumber],
      ...extra,
      [applicant.type === 'FOREIGN_INDIVIDUAL' ? '住址' : '通信地址', applicant.address],
      ['所在省份', provinceZh(applicant.province)],
    ],
  };
}

/** More websites than this are listed one row each, so a long case still prints within its page limit. */
const DETAILED_WEBSITES = 2;

function websiteSections(websites: Application['websites']): FormSection[] {
  const facts = (site: Application['websites'][number]): Array<[string, string]> => [
    ['网站名称', site.name],
    ['网站域名', site.domains.map(domainToUnicode).join('、')],
    ['服务器 IP 地址', site.ipAddresses.join('、')],
    ['服务器所在地', provinceZh(site.serverProvince)],
    ['网站内容', site.contentCategories.map((c) => CONTENT_CATEGORIES[c].labelZh).join('、')],
  ];
  if (websites.length > DETAILED_WEBSITES) {
    return [
      {
        heading: `网站信息（共 ${websites.length} 个）`,
        rows: websites.map((site, i): [string, string] => [
          `网站 ${i + 1}`,
          facts(site)
            .map(([label, value]) => `${label}：${value}`)
            .join('；'),
        ]),
      },
    ];
  }
  return websites.map((site, i) => ({
    heading: websites.length > 1 ? `网站信息（${i + 1}）` : '网站信息',
    rows: facts(site),
  }));
}

function responsiblePersonSection(person: Application['responsiblePerson']): FormSection {
  return {
    heading: '网站负责人信息',
    rows: [
      ['姓名', person.name],
      ['证件类型', person.idType === 'RESIDENT_ID' ? '居民身份证' : '护照'],
      ['证件号码', person.idNumber],
      ['手机号码', person.mobile],
      ['电子邮箱', person.email],
      ['应急联系人', `${person.emergencyContact.name}（${person.emergencyContact.mobile}）`],
    ],
  };
}

function filingSection(input: PrintableFormInput): FormSection {
  return {
    heading: '备案信息',
    rows: [
      ['申请编号', input.caseId],
      ['备案类型', FILING_TYPE_ZH[input.filingType]],
      ...(input.application.existingIcpNumber
        ? [['已有备案号', input.application.existingIcpNumber] as [string, string]]
        : []),
    ],
  };
}

const SIGNATURES = ['网站负责人签字', '主办单位盖章（个人无需盖章）', '日期'];

/** The content of one printable form for a case. */
export function printableForm(docType: PrintableForm, input: PrintableFormInput): PrintableFormContent {
  const { application } = input;
  const base = { title: TITLES[docType], reference: input.caseId, signatures: SIGNATURES };
  // What the case says: the filing, who applies, the websites, the responsible person.
  const filing = [
    filingSection(input),
    entitySection(application.applicant),
    ...websiteSections(application.websites),
    responsiblePersonSection(application.responsiblePerson),
  ];
  switch (docType) {
    case 'WEBSITE_VERIFICATION_FORM':
      return {
        ...base,
        sections: [
          ...filing,
          {
            heading: '核验记录（由接入服务商填写）',
            rows: [
              ['接入服务商', ''],
              ['核验人', ''],
              ['核验地点', ''],
              ['核验日期', ''],
            ],
          },
        ],
        statements: [
          '本人/本单位承诺：以上所填报的网站备案信息真实、准确、完整，并同意接入服务商对网站负责人进行当面核验、拍照留存。如有虚假，愿承担由此产生的一切法律责任。',
        ],
      };
    case 'REGISTRATION_APPLICATION_FORM':
      return {
        ...base,
        sections: filing,
        statements: [
          '本人/本单位申请办理上述网站的备案，保证所提交的信息和材料真实、有效，并授权接入服务商代为向通信管理局提交备案申请。',
        ],
      };
    case 'SECURITY_COMMITMENT':
      return {
        ...base,
        sections: [
          entitySection(application.applicant),
          {
            heading: '网站',
            rows: application.websites.map((site): [string, string] => [
              site.name,
              site.domains.map(domainToUnicode).join('、'),
            ]),
          },
        ],
        statements: [
          '遵守《中华人民共和国网络安全法》《互联网信息服务管理办法》《非经营性互联网信息服务备案管理办法》等法律法规，依法开展互联网信息服务。',
          '不制作、复制、发布、传播《互联网信息服务管理办法》第十五条所列的违法信息；发现上述信息时立即停止传输，保存有关记录，并向有关主管部门报告。',
          '建立健全网站信息安全管理制度和技术保护措施，落实网络安全等级保护等要求，保障网站安全运行。',
          '记录并留存网站发布的信息内容及其发布时间、网址或域名，留存期限不少于 60 日，并在有关部门依法查询时予以提供。',
          '网站开通后在首页底部显著位置展示备案编号，并链接至工业和信息化部备案管理系统（https://beian.miit.gov.cn/）。',
          '备案信息需要变更时，按规定及时通过接入服务商办理变更手续；网站停止服务时及时办理注销。',
          '如违反上述承诺，愿承担相应的法律责任，并接受接入服务商依照协议采取的停止接入等措施。',
        ],
      };
  }
}
