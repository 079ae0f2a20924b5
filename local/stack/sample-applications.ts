import type { ApplicationInput } from '#domain/application';

/**
 * Applications that pass every rule, one per applicant type, for the demo, the seeded local data
 * and the workflow tests. The ID numbers carry valid GB 11643 / GB 32100 check characters but belong
 * to nobody; the IP addresses are in TEST-NET-3 (203.0.113.0/24), the local stack's hosting range.
 */
export const LOCAL_HOSTING_CIDRS = ['203.0.113.0/24', '2001:db8::/32'];

export const SAMPLE_APPLICATIONS = {
  chineseIndividual: {
    filingType: 'GENERAL',
    applicant: {
      type: 'CHINESE_INDIVIDUAL',
      name: '张伟',
      idNumber: '110108199001011231',
      idCardProvince: 'BJ',
      address: '北京市海淀区中关村大街 27 号',
      province: 'BJ',
    },
    websites: [
      {
        name: '张伟的摄影作品集',
        domains: ['zhangwei-photo.cn'],
        ipAddresses: ['203.0.113.10'],
        serverProvince: 'BJ',
        contentCategories: ['PERSONAL'],
      },
    ],
    responsiblePerson: {
      name: '张伟',
      idType: 'RESIDENT_ID',
      idNumber: '110108199001011231',
      mobile: '13812345678',
      email: 'zhang.wei@example.cn',
      emergencyContact: { name: '张丽', mobile: '13912345678' },
    },
  },
  chineseBusiness: {
    filingType: 'GENERAL',
    applicant: {
      type: 'CHINESE_BUSINESS',
      name: '上海兰亭科技有限公司',
      creditCode: '91310115MA1K4Q2B2C',
      legalRepresentative: '李娜',
      entityLeader: {
        name: '李娜',
        idType: 'RESIDENT_ID',
        idNumber: '310104198503124022',
        mobile: '13700001111',
        email: 'li.na@lanting.example.cn',
        emergencyContact: { name: '王强', mobile: '13600002222' },
      },
      address: '上海市浦东新区张江路 88 号',
      province: 'SH',
    },
    websites: [
      {
        name: '兰亭科技官网',
        domains: ['lanting-tech.com'],
        ipAddresses: ['203.0.113.20'],
        serverProvince: 'SH',
        contentCategories: ['CORPORATE'],
      },
    ],
    responsiblePerson: {
      name: '李娜',
      idType: 'RESIDENT_ID',
      idNumber: '310104198503124022',
      mobile: '13700001111',
      email: 'li.na@lanting.example.cn',
      emergencyContact: { name: '王强', mobile: '13600002222' },
    },
  },
  foreignIndividual: {
    filingType: 'GENERAL',
    applicant: {
      type: 'FOREIGN_INDIVIDUAL',
      name: 'Emma Schmidt',
      idNumber: 'C01X00T47',
      nationality: 'DE',
      residenceRegistration: { number: 'SH2026-0815-0042', validUntil: '2027-12-31' },
      address: '上海市徐汇区衡山路 10 号',
      province: 'SH',
    },
    websites: [
      {
        name: '艾玛的旅行笔记',
        domains: ['emma-travel.cn'],
        ipAddresses: ['203.0.113.30'],
        serverProvince: 'SH',
        contentCategories: ['PERSONAL'],
      },
    ],
    responsiblePerson: {
      name: 'Emma Schmidt',
      idType: 'PASSPORT',
      idNumber: 'C01X00T47',
      mobile: '13500003333',
      email: 'emma.schmidt@example.de',
      emergencyContact: { name: '王芳', mobile: '13400004444' },
    },
  },
} satisfies Record<string, ApplicationInput>;
