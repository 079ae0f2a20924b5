/**
 * ICP numbers as printed in website footers and issued by the provincial bureaus:
 *   京ICP备12345678号-1   a filing (备案) number: 8 digits (older) or 10 digits (year + serial, since ~2020);
 *   京ICP证000001号        a commercial ICP licence (经营许可证) number: 6 digits;
 *   -N suffix             the N-th website of the entity; -NA an app (APP备案, MIIT 2023 notice),
 *                         -NX a mini program and -NK a quick app, as issued by the filing system.
 * Value-added telecom licences such as 粤B2-20090059 are a different number (parseTelecomLicence).
 */
import { compactInput, invalid, type Validation, valid } from './errors.ts';
import { type ProvinceCode, provinceByAbbreviation, provinceByCode } from './provinces.ts';

export type IcpKind = 'FILING' | 'LICENCE';
export type IcpService = 'WEBSITE' | 'APP' | 'MINI_PROGRAM' | 'QUICK_APP';

export interface IcpNumber {
  province: ProvinceCode;
  kind: IcpKind;
  serial: string;
  /** The site/app number after the dash, absent for the entity's own number. */
  siteNumber?: number;
  service: IcpService;
  /** The entity's number without the site suffix, with the bureau's abbreviation (蜀, not 川). */
  entityNumber: string;
  /** The full number, normalised and formatted as the bureau prints it. */
  normalised: string;
}

const SERVICE_OF_SUFFIX: Record<string, IcpService> = {
  '': 'WEBSITE',
  A: 'APP',
  X: 'MINI_PROGRAM',
  K: 'QUICK_APP',
};
const SUFFIX_OF_SERVICE: Record<IcpService, string> = {
  WEBSITE: '',
  APP: 'A',
  MINI_PROGRAM: 'X',
  QUICK_APP: 'K',
};

// Dashes people paste from Word or phones: hyphen, en/em dash, minus, full-width hyphen (NFKC keeps some).
const normaliseDashes = (s: string): string => s.replace(/[‐‑‒–—―−－]/g, '-');

const formatError = () =>
  invalid<IcpNumber>(
    'ICP_NUMBER_FORMAT',
    'Enter the ICP number as issued, such as 京ICP备12345678号-1 or 京ICP证000001号.',
    '请按备案号原样填写，例如 京ICP备12345678号-1 或 京ICP证000001号。',
  );

/** Formats an ICP number the way the bureau prints it. */
export function formatIcpNumber(parts: {
  province: ProvinceCode;
  kind: IcpKind;
  serial: string;
  siteNumber?: number;
  service?: IcpService;
}): string {
  const abbreviation = provinceByCode(parts.province).icpAbbreviation;
  const entity = `${abbreviation}ICP${parts.kind === 'FILING' ? '备' : '证'}${parts.serial}号`;
  if (parts.siteNumber === undefined) return entity;
  return `${entity}-${parts.siteNumber}${SUFFIX_OF_SERVICE[parts.service ?? 'WEBSITE']}`;
}

/** Parses an ICP filing or licence number; full-width digits, stray spaces and odd dashes are normalised. */
export function parseIcpNumber(raw: string): Validation<IcpNumber> {
  const s = normaliseDashes(compactInput(raw)).replace(/icp/i, 'ICP');
  const match = /^(.)ICP([备证])(\d+)号(?:-(\d+)([AXK]?))?$/u.exec(s);
  if (!match) return formatError();
  const [, abbreviation = '', kindChar, serial = '', site, suffix = ''] = match;
  const province = provinceByAbbreviation(abbreviation);
  if (!province) {
    return invalid(
      'ICP_NUMBER_PROVINCE',
      `"${abbreviation}" is not a province abbreviation used in ICP numbers.`,
      `“${abbreviation}”不是有效的省份简称。`,
    );
  }
  const kind: IcpKind = kindChar === '备' ? 'FILING' : 'LICENCE';
  const serialOk = kind === 'FILING' ? serial.length === 8 || serial.length === 10 : serial.length === 6;
  if (!serialOk) {
    return invalid(
      'ICP_NUMBER_SERIAL',
      kind === 'FILING'
        ? 'A filing number (备) has 8 or 10 digits before 号.'
        : 'A licence number (证) has 6 digits before 号.',
      kind === 'FILING'
        ? '备案号（备）在“号”字前应为8位或10位数字。'
        : '许可证号（证）在“号”字前应为6位数字。',
    );
  }
  const siteNumber = site === undefined ? undefined : Number(site);
  if (siteNumber !== undefined && siteNumber < 1) return formatError();
  const service = SERVICE_OF_SUFFIX[suffix] as IcpService;
  const code = province.code as ProvinceCode;
  return valid({
    province: code,
    kind,
    serial,
    ...(siteNumber === undefined ? {} : { siteNumber }),
    service,
    entityNumber: formatIcpNumber({ province: code, kind, serial }),
    normalised: formatIcpNumber({
      province: code,
      kind,
      serial,
      ...(siteNumber === undefined ? {} : { siteNumber }),
      service,
    }),
  });
}

export interface TelecomLicence {
  province: ProvinceCode;
  /** B1 (basic value-added services) or B2 (e.g. information services, the ICP licence category). */
  category: 'B1' | 'B2';
  serial: string;
  normalised: string;
}

/** Parses a value-added telecom business licence number such as 粤B2-20090059. */
export function parseTelecomLicence(raw: string): Validation<TelecomLicence> {
  const s = normaliseDashes(compactInput(raw)).toUpperCase();
  const match = /^(.)(B[12])-?(\d{8})$/u.exec(s);
  const province = match ? provinceByAbbreviation(match[1] as string) : undefined;
  if (!match || !province) {
    return invalid(
      'TELECOM_LICENCE_FORMAT',
      'Enter the licence number as issued, such as 粤B2-20090059.',
      '请按许可证原样填写经营许可证编号，例如 粤B2-20090059。',
    );
  }
  const category = match[2] as 'B1' | 'B2';
  return valid({
    province: province.code as ProvinceCode,
    category,
    serial: match[3] as string,
    // Kept as written: licences are not always printed with the same abbreviation as ICP filings.
    normalised: `${match[1]}${category}-${match[3]}`,
  });
}
