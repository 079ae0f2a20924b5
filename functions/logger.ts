import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The shared JSON logger. Every value it prints passes through `redact`, so an ID number, a
 * mainland mobile number or a task token never reaches the logs in full, whatever a caller passes.
 */

/** Keeps the first 3 and last 2 characters: `110101199003071234` → `110*************34`. */
export function maskId(value: string): string {
  if (value.length <= 5) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
}

// 18-character resident ID (GB 11643), 15-digit legacy ID, USCC (18 chars of GB 32100's charset),
// passports (letter + 8 digits) and mainland mobiles. Word boundaries keep short numbers intact.
const SENSITIVE_PATTERNS: readonly RegExp[] = [
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])[1-9]\d{14}(?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])[A-Z]{1,2}\d{7,8}(?![0-9A-Za-z])/g,
];

const SECRET_KEYS = /token|secret|password|authorization|idnumber|id_number|credential/i;

/** Masks every ID-like or phone-like run inside a free text. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SENSITIVE_PATTERNS) out = out.replace(pattern, (match) => maskId(match));
  return out;
}

/** A JSON replacer: secret-named keys are masked whole, every string is scanned for ID numbers. */
export function redact(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    if (key !== '' && SECRET_KEYS.test(key)) return maskId(value);
    return redactText(value);
  }
  return value;
}

/** A Powertools logger with redaction; `service` names the function in every line. */
export function createLogger(service: string, level?: string): Logger {
  return new Logger({
    serviceName: service,
    logLevel: (level ?? process.env.LOG_LEVEL ?? 'INFO') as 'INFO',
    jsonReplacerFn: (key: string, value: unknown) => redact(key, value),
  });
}

/** The default logger for code that has none injected. */
export const logger = createLogger('icp-registration');
