/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2).
 */
import { compactInput, invalid, type Validation, valid } from './errors.ts';
import { type ProvinceCode, provinceByGbCode } from './provinces.ts';

export interface ResidentId {
  /** 18 characters, upper-case X. */
  normalised: string;
  birthDate: string;
  /** The issuing province (resident IDs only). */
  province?: ProvinceCode;
  sex: 'MALE' | 'FEMALE';
}

// Weight of position i is 2^(17-i) mod 11; the remainder of the weighted sum mod 11 indexes this map.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK_MAP = '10X98765432';

/** The GB 11643 check character for the first 17 digits of an ID number. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_MAP[sum % 11] as string;
}

/** True when YYYYMMDD names a day that exists in the Gregorian calendar (29 Feb only in leap years). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Prefecture codes run 01–70 (and 90 for counties under direct provincial administration); county codes
// 01–99. Loose on purpose: the full GB/T 2260 list changes yearly and old cards keep abolished codes.
function plausibleRegion(region: string): ProvinceCode | undefined {
  const province = provinceByGbCode(region.slice(0, 2));
  const prefecture = Number(region.slice(2, 4));
  const county = Number(region.slice(4, 6));
  if (!province) return undefined;
  if (!((prefecture >= 1 && prefecture <= 70) || prefecture === 90)) return undefined;
  if (county < 1) return undefined;
  return province.code as ProvinceCode;
}

/** Where an 18-character GB 11643 number may come from; each kind has its own first digits. */
export type Gb11643NumberKind = 'RESIDENT_ID' | 'HMT_RESIDENCE_PERMIT' | 'PERMANENT_RESIDENCE_ID';

/**
 * Hong Kong, Macao and Taiwan residents' residence permits (港澳台居民居住证, issued since 2018-09-01)
 * carry a "citizen number" in the GB 11643 format whose address code is 810000, 820000 or 830000
 * (State Council General Office, 《港澳台居民居住证申领发放办法》, 国办发〔2018〕81号, art. 4; the
 * check character is GB 11643's). Source read 2026-12-02 via domain-facts.md.
 */
const HMT_PREFIXES = new Set(['81', '82', '83']);

/**
 * The 2023 foreigner permanent-residence ID (新版外国人永久居留身份证, issued since 2023-12-01): 18
 * characters, first digit 9 (the foreigner marker, never a province: citizens' numbers start 1–8),
 * then 17 digits with the birth date at positions 7–14 like a citizen's number, and a MOD 11-2 check
 * character "与公民身份号码校验方式相同". Source: National Immigration Administration, 《新版外国人永久
 * 居留身份证机读信息规则（2023版）》, §二.2–3, as republished at
 * http://www.eastcoms.com/service/pro/840.html (read 2026-12-02). Digits 2–6 (place of acceptance and
 * nationality code) are not checked: the rule's code tables were not available to confirm them.
 */
const PERMANENT_RESIDENCE_MARKER = '9';

const KIND_WORDING: Record<Gb11643NumberKind, { en: string; zh: string }> = {
  RESIDENT_ID: { en: 'A resident ID number', zh: '身份证号码' },
  HMT_RESIDENCE_PERMIT: {
    en: 'A Hong Kong, Macao or Taiwan residence permit number',
    zh: '港澳台居民居住证号码',
  },
  PERMANENT_RESIDENCE_ID: { en: 'A permanent residence ID number', zh: '外国人永久居留身份证号码' },
};

/** The kind of document an 18-character number's first digits say it is. */
export function gb11643KindOf(id: string): Gb11643NumberKind {
  if (id.startsWith(PERMANENT_RESIDENCE_MARKER)) return 'PERMANENT_RESIDENCE_ID';
  if (HMT_PREFIXES.has(id.slice(0, 2))) return 'HMT_RESIDENCE_PERMIT';
  return 'RESIDENT_ID';
}

function wrongKind(expected: Gb11643NumberKind, actual: Gb11643NumberKind): Validation<never> {
  const hint: Record<Gb11643NumberKind, [string, string]> = {
    RESIDENT_ID: ['a mainland resident ID card', '居民身份证'],
    HMT_RESIDENCE_PERMIT: ['a Hong Kong, Macao or Taiwan residence permit', '港澳台居民居住证'],
    PERMANENT_RESIDENCE_ID: ['a foreigner permanent-residence ID card', '外国人永久居留身份证'],
  };
  const [en, zh] = hint[actual];
  return invalid(
    'ID_NUMBER_KIND_MISMATCH',
    `${KIND_WORDING[expected].en} does not start like this: the number is one of ${en}. Choose that ID type.`,
    `该号码属于${zh}，不是${KIND_WORDING[expected].zh}，请选择对应的证件类型。`,
  );
}

/**
 * Validates a resident ID number: 18 characters, a plausible region, a real birth date not after
 * `today` (China date, 'YYYY-MM-DD'), and the check character. Lower-case x and full-width input are
 * accepted. A residence-permit or permanent-residence number is refused as ID_NUMBER_KIND_MISMATCH
 * naming the ID type to choose (it used to be refused as ID_NUMBER_REGION).
 */
export function validateResidentId(raw: string, today: string): Validation<ResidentId> {
  return validateGb11643Number(raw, today, 'RESIDENT_ID');
}

/**
 * Validates an 18-character GB 11643-format number of the given kind (resident ID, HMT residence
 * permit, 2023 permanent-residence ID): format, first digits of the kind, birth date, check character.
 * `province` is the issuing province for resident IDs only; for the other kinds it is absent.
 */
export function validateGb11643Number(
  raw: string,
  today: string,
  kind: Gb11643NumberKind,
): Validation<ResidentId> {
  const id = compactInput(raw).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid(
      'ID_NUMBER_FORMAT',
      `${KIND_WORDING[kind].en} has 18 characters: 17 digits and a final digit or X.`,
      `${KIND_WORDING[kind].zh}应为18位：前17位为数字，最后一位为数字或X。`,
    );
  }
  const actual = gb11643KindOf(id);
  if (actual !== kind) return wrongKind(kind, actual);
  let province: ProvinceCode | undefined;
  if (kind === 'RESIDENT_ID') {
    province = plausibleRegion(id.slice(0, 6));
    if (!province) {
      return invalid(
        'ID_NUMBER_REGION',
        'The first six digits of the ID number are not a valid region code.',
        '身份证号码前6位不是有效的地区代码。',
      );
    }
  } else if (kind === 'HMT_RESIDENCE_PERMIT' && !/^8[123]0000$/.test(id.slice(0, 6))) {
    return invalid(
      'ID_NUMBER_REGION',
      'A Hong Kong, Macao or Taiwan residence permit number starts with 810000, 820000 or 830000.',
      '港澳台居民居住证号码应以810000、820000或830000开头。',
    );
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // 1800: GB 11643 itself uses a person born in 1880 as an example.
  if (year < 1800 || !isRealDate(year, month, day) || birthDate > today) {
    return invalid(
      'ID_NUMBER_BIRTH_DATE',
      'Digits 7 to 14 of the ID number are not a real birth date.',
      '身份证号码第7至14位不是有效的出生日期。',
    );
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return invalid(
      'ID_NUMBER_CHECKSUM',
      'The ID number is mistyped: its last character does not match. Please check it against the card.',
      '身份证号码校验位不正确，请对照身份证仔细核对。',
    );
  }
  return valid({
    normalised: id,
    birthDate,
    ...(province ? { province } : {}),
    sex: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  });
}

/** Full years between a birth date and `today` (both 'YYYY-MM-DD'): a birthday counts on its day. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The birth date an 18-character GB 11643-format number carries ('YYYY-MM-DD'), if it has one. */
export function birthDateOf(idNumber: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return undefined;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}
