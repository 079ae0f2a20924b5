/**
 * Unified Social Credit Codes (统一社会信用代码, GB 32100-2015): registration authority (1), entity
 * category (1), region (6, GB/T 2260), organisation code (9, GB 11714 with its own check digit),
 * check character (1). Checksum failures are overridable: officers sometimes hold a genuine licence
 * whose code predates strict validation, and they must be able to accept it after looking at it.
 */
import { compactInput, invalid, type Validation, valid } from './errors.ts';
import { provinceByGbCode } from './provinces.ts';

/** The 31 characters of GB 32100 (no I, O, S, V, Z), in value order. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface CreditCode {
  normalised: string;
  registrationAuthority: string;
  category: string;
  region: string;
  organisationCode: string;
}

// Weight of position i is 3^i mod 31 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28).
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 32100 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error('creditCodeCheckChar needs 17 characters of the GB 32100 charset');
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/** The GB 11714 check character for the first 8 characters of an organisation code. */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i] ?? '';
    // GB 11714 values: digits as themselves, letters A–Z as 10–35.
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Validates a credit code; the error code says which check failed: CREDIT_CODE_FORMAT,
 * CREDIT_CODE_REGION, CREDIT_CODE_CHECKSUM or CREDIT_CODE_ORG_CHECKSUM (the last two overridable).
 */
export function validateCreditCode(raw: string): Validation<CreditCode> {
  const code = compactInput(raw).toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !CREDIT_CODE_CHARSET.includes(c))) {
    return invalid(
      'CREDIT_CODE_FORMAT',
      'A Unified Social Credit Code has 18 characters: digits and capital letters except I, O, S, V and Z.',
      '统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）。',
    );
  }
  const region = code.slice(2, 8);
  // '10' is the national level (100000) used by centrally registered organisations.
  if (!/^\d{6}$/.test(region) || !(region.startsWith('10') || provinceByGbCode(region.slice(0, 2)))) {
    return invalid(
      'CREDIT_CODE_REGION',
      'Characters 3 to 8 of the credit code are not a valid region code.',
      '统一社会信用代码第3至8位不是有效的登记管理机关行政区划码。',
    );
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return invalid(
      'CREDIT_CODE_CHECKSUM',
      'The credit code is mistyped: its last character does not match. Please check it against the business licence.',
      '统一社会信用代码校验位不正确，请对照营业执照核对。',
      { overridable: true },
    );
  }
  const organisationCode = code.slice(8, 17);
  if (organisationCodeCheckChar(organisationCode.slice(0, 8)) !== organisationCode[8]) {
    return invalid(
      'CREDIT_CODE_ORG_CHECKSUM',
      'The organisation code inside the credit code (characters 9 to 17) fails its check digit.',
      '统一社会信用代码中的组织机构代码（第9至17位）校验码不正确。',
      { overridable: true },
    );
  }
  return valid({
    normalised: code,
    registrationAuthority: code[0] as string,
    category: code[1] as string,
    region,
    organisationCode,
  });
}
