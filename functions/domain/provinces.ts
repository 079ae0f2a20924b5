/**
 * The 31 provincial-level divisions of mainland China (Hong Kong, Macao and Taiwan have no ICP filing).
 * `code` is the ISO 3166-2:CN suffix, `gbCode` the GB/T 2260 two-digit region prefix that also opens
 * every resident ID number and the region part of a Unified Social Credit Code.
 * `icpAbbreviation` is the character the bureau prints in ICP numbers; `abbreviations` every accepted one
 * (several provinces have two: 川/蜀, 贵/黔, 云/滇, 陕/秦, 甘/陇; ICP numbers use 蜀, 黔, 滇, 陕, 陇).
 */
import * as z from 'zod';

export interface Province {
  code: string;
  gbCode: string;
  nameZh: string;
  nameEn: string;
  icpAbbreviation: string;
  abbreviations: readonly string[];
}

export const PROVINCES = [
  {
    code: 'BJ',
    gbCode: '11',
    nameZh: '北京市',
    nameEn: 'Beijing',
    icpAbbreviation: '京',
    abbreviations: ['京'],
  },
  {
    code: 'TJ',
    gbCode: '12',
    nameZh: '天津市',
    nameEn: 'Tianjin',
    icpAbbreviation: '津',
    abbreviations: ['津'],
  },
  {
    code: 'HE',
    gbCode: '13',
    nameZh: '河北省',
    nameEn: 'Hebei',
    icpAbbreviation: '冀',
    abbreviations: ['冀'],
  },
  {
    code: 'SX',
    gbCode: '14',
    nameZh: '山西省',
    nameEn: 'Shanxi',
    icpAbbreviation: '晋',
    abbreviations: ['晋'],
  },
  {
    code: 'NM',
    gbCode: '15',
    nameZh: '内蒙古自治区',
    nameEn: 'Inner Mongolia',
    icpAbbreviation: '蒙',
    abbreviations: ['蒙'],
  },
  {
    code: 'LN',
    gbCode: '21',
    nameZh: '辽宁省',
    nameEn: 'Liaoning',
    icpAbbreviation: '辽',
    abbreviations: ['辽'],
  },
  {
    code: 'JL',
    gbCode: '22',
    nameZh: '吉林省',
    nameEn: 'Jilin',
    icpAbbreviation: '吉',
    abbreviations: ['吉'],
  },
  {
    code: 'HL',
    gbCode: '23',
    nameZh: '黑龙江省',
    nameEn: 'Heilongjiang',
    icpAbbreviation: '黑',
    abbreviations: ['黑'],
  },
  {
    code: 'SH',
    gbCode: '31',
    nameZh: '上海市',
    nameEn: 'Shanghai',
    icpAbbreviation: '沪',
    abbreviations: ['沪'],
  },
  {
    code: 'JS',
    gbCode: '32',
    nameZh: '江苏省',
    nameEn: 'Jiangsu',
    icpAbbreviation: '苏',
    abbreviations: ['苏'],
  },
  {
    code: 'ZJ',
    gbCode: '33',
    nameZh: '浙江省',
    nameEn: 'Zhejiang',
    icpAbbreviation: '浙',
    abbreviations: ['浙'],
  },
  {
    code: 'AH',
    gbCode: '34',
    nameZh: '安徽省',
    nameEn: 'Anhui',
    icpAbbreviation: '皖',
    abbreviations: ['皖'],
  },
  {
    code: 'FJ',
    gbCode: '35',
    nameZh: '福建省',
    nameEn: 'Fujian',
    icpAbbreviation: '闽',
    abbreviations: ['闽'],
  },
  {
    code: 'JX',
    gbCode: '36',
    nameZh: '江西省',
    nameEn: 'Jiangxi',
    icpAbbreviation: '赣',
    abbreviations: ['赣'],
  },
  {
    code: 'SD',
    gbCode: '37',
    nameZh: '山东省',
    nameEn: 'Shandong',
    icpAbbreviation: '鲁',
    abbreviations: ['鲁'],
  },
  {
    code: 'HA',
    gbCode: '41',
    nameZh: '河南省',
    nameEn: 'Henan',
    icpAbbreviation: '豫',
    abbreviations: ['豫'],
  },
  {
    code: 'HB',
    gbCode: '42',
    nameZh: '湖北省',
    nameEn: 'Hubei',
    icpAbbreviation: '鄂',
    abbreviations: ['鄂'],
  },
  {
    code: 'HN',
    gbCode: '43',
    nameZh: '湖南省',
    nameEn: 'Hunan',
    icpAbbreviation: '湘',
    abbreviations: ['湘'],
  },
  {
    code: 'GD',
    gbCode: '44',
    nameZh: '广东省',
    nameEn: 'Guangdong',
    icpAbbreviation: '粤',
    abbreviations: ['粤'],
  },
  {
    code: 'GX',
    gbCode: '45',
    nameZh: '广西壮族自治区',
    nameEn: 'Guangxi',
    icpAbbreviation: '桂',
    abbreviations: ['桂'],
  },
  {
    code: 'HI',
    gbCode: '46',
    nameZh: '海南省',
    nameEn: 'Hainan',
    icpAbbreviation: '琼',
    abbreviations: ['琼'],
  },
  {
    code: 'CQ',
    gbCode: '50',
    nameZh: '重庆市',
    nameEn: 'Chongqing',
    icpAbbreviation: '渝',
    abbreviations: ['渝'],
  },
  {
    code: 'SC',
    gbCode: '51',
    nameZh: '四川省',
    nameEn: 'Sichuan',
    icpAbbreviation: '蜀',
    abbreviations: ['蜀', '川'],
  },
  {
    code: 'GZ',
    gbCode: '52',
    nameZh: '贵州省',
    nameEn: 'Guizhou',
    icpAbbreviation: '黔',
    abbreviations: ['黔', '贵'],
  },
  {
    code: 'YN',
    gbCode: '53',
    nameZh: '云南省',
    nameEn: 'Yunnan',
    icpAbbreviation: '滇',
    abbreviations: ['滇', '云'],
  },
  {
    code: 'XZ',
    gbCode: '54',
    nameZh: '西藏自治区',
    nameEn: 'Tibet',
    icpAbbreviation: '藏',
    abbreviations: ['藏'],
  },
  {
    code: 'SN',
    gbCode: '61',
    nameZh: '陕西省',
    nameEn: 'Shaanxi',
    icpAbbreviation: '陕',
    abbreviations: ['陕', '秦'],
  },
  {
    code: 'GS',
    gbCode: '62',
    nameZh: '甘肃省',
    nameEn: 'Gansu',
    icpAbbreviation: '陇',
    abbreviations: ['陇', '甘'],
  },
  {
    code: 'QH',
    gbCode: '63',
    nameZh: '青海省',
    nameEn: 'Qinghai',
    icpAbbreviation: '青',
    abbreviations: ['青'],
  },
  {
    code: 'NX',
    gbCode: '64',
    nameZh: '宁夏回族自治区',
    nameEn: 'Ningxia',
    icpAbbreviation: '宁',
    abbreviations: ['宁'],
  },
  {
    code: 'XJ',
    gbCode: '65',
    nameZh: '新疆维吾尔自治区',
    nameEn: 'Xinjiang',
    icpAbbreviation: '新',
    abbreviations: ['新'],
  },
] as const satisfies readonly Province[];

export type ProvinceCode = (typeof PROVINCES)[number]['code'];

/** A province code as accepted in forms and the API ('BJ', 'GD', …). */
export const ProvinceCode = z.enum(PROVINCES.map((p) => p.code) as [ProvinceCode, ...ProvinceCode[]]);

const byCode = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));
const byGbCode = new Map<string, Province>(PROVINCES.map((p) => [p.gbCode, p]));
const byAbbreviation = new Map<string, Province>(
  PROVINCES.flatMap((p) => p.abbreviations.map((a) => [a, p] as const)),
);

/** The province with this ISO code ('GD'); throws on an unknown code since codes come from our own enum. */
export function provinceByCode(code: ProvinceCode): Province {
  const province = byCode.get(code);
  if (!province) throw new Error(`Unknown province code ${code}`);
  return province;
}

/** The province whose GB/T 2260 prefix is these two digits ('44' → Guangdong), if any. */
export const provinceByGbCode = (gbCode: string): Province | undefined => byGbCode.get(gbCode);

/** The province an ICP abbreviation stands for ('蜀' and '川' → Sichuan), if any. */
export const provinceByAbbreviation = (abbreviation: string): Province | undefined =>
  byAbbreviation.get(abbreviation);
