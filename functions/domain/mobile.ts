/** Mainland China mobile numbers: 11 digits starting 13–19, optionally written with +86 / 0086 / 86. */
import { compactInput, invalid, type Validation, valid } from './errors.ts';

export interface MobileNumber {
  /** The 11-digit national number, as the MIIT system and SMS verification expect it. */
  normalised: string;
  /** E.164 form for SMS gateways. */
  e164: string;
}

/** Validates a mainland mobile number, accepting spaces, hyphens, brackets and a +86 prefix. */
export function validateMobile(raw: string): Validation<MobileNumber> {
  let digits = compactInput(raw).replace(/[-()]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    return invalid(
      'MOBILE_FORMAT',
      'Enter a mainland China mobile number: 11 digits starting with 1 (a +86 prefix is fine).',
      '请填写中国大陆手机号码：以1开头的11位数字（可带 +86）。',
    );
  }
  return valid({ normalised: digits, e164: `+86${digits}` });
}
