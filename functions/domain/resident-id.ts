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
  province: ProvinceCode;
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

/**
 * Validates a resident ID number: 18 characters, a plausible region, a real birth date not after
 * `today` (China date, 'YYYY-MM-DD'), and the check character. Lower-case x and full-width input are accepted.
 */
export function validateResidentId(raw: string, today: string): Validation<ResidentId> {
  const id = compactInput(raw).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid(
      'ID_NUMBER_FORMAT',
      'A resident ID number has 18 characters: 17 digits and a final digit or X.',
      '身份证号码应为18位：前17位为数字，最后一位为数字或X。',
    );
  }
  const province = plausibleRegion(id.slice(0, 6));
  if (!province) {
    return invalid(
      'ID_NUMBER_REGION',
      'The first six digits of the ID number are not a valid region code.',
      '身份证号码前6位不是有效的地区代码。',
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
    province,
    sex: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  });
}
