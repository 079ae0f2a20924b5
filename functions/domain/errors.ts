/**
 * The one error shape the system shows to people: a stable machine `code`, an English `message`,
 * a Chinese `messageZh` (applicants read Chinese first), and the offending `field` when there is one.
 * HTTP mapping happens once, in the API; domain code only throws or returns these.
 */
export interface ErrorBody {
  code: string;
  message: string;
  messageZh: string;
  field?: string;
}

/** A typed domain error: thrown by domain rules, mapped to a 4xx by the API. */
export class DomainError extends Error implements ErrorBody {
  readonly code: string;
  readonly messageZh: string;
  readonly field?: string;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'DomainError';
    this.code = body.code;
    this.messageZh = body.messageZh;
    if (body.field !== undefined) this.field = body.field;
  }

  /** The plain body, safe to send to a client (no stack). */
  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

/**
 * The one result shape every validator returns: the normalised value, or one bilingual error.
 * `overridable` marks failures an officer may accept anyway (e.g. a checksum on a real but odd document).
 */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: ErrorBody; overridable?: boolean };

/** A successful validation carrying the normalised value. */
export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });

/** A failed validation; `field` is left to the caller (the zod schema knows the path). */
export function invalid<T = never>(
  code: string,
  message: string,
  messageZh: string,
  options: { overridable?: boolean; field?: string } = {},
): Validation<T> {
  const error: ErrorBody = { code, message, messageZh, ...(options.field ? { field: options.field } : {}) };
  return options.overridable ? { ok: false, error, overridable: true } : { ok: false, error };
}

/** Normalises what people paste: full-width digits and letters to ASCII (NFKC), trims, drops inner spaces. */
export const compactInput = (raw: string): string => raw.normalize('NFKC').replace(/[\s\u200b]+/g, '');
