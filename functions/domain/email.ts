/** Email addresses of applicants and responsible persons (where every notification goes). */
import * as z from 'zod';
import { invalid, type Validation, valid } from './errors.ts';

const emailSchema = z.email();

/** Validates an email address; the domain part is lower-cased, the local part kept as typed. */
export function validateEmail(raw: string): Validation<string> {
  const trimmed = raw.normalize('NFKC').trim();
  const at = trimmed.lastIndexOf('@');
  const normalised = at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  if (!emailSchema.safeParse(normalised).success) {
    return invalid(
      'EMAIL_FORMAT',
      'Enter a valid email address, such as name@example.com.',
      '请填写有效的电子邮箱地址，例如 name@example.com。',
    );
  }
  return valid(normalised);
}
