/**
 * The one error shape the system shows to people: a stable machine `code`, an English `message`,
 * a Chinese `messageZh` (applicants read Chinese first), and the offending `field` when there is one.
 * Codes come from the catalogue (./error-catalogue.ts), which also gives each its HTTP status and
 * default messages; HTTP mapping happens once, in the API. Domain code only throws or returns these.
 */
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.ts';

export type { ErrorCode } from './error-catalogue.ts';

/**
 * An error body. `C` is `string` for bodies read back from the wire (the console receives them);
 * everything the system itself produces is a `CodedErrorBody`, whose code is in the catalogue.
 */
export interface ErrorBody<C extends string = string> {
  code: C;
  message: string;
  messageZh: string;
  field?: string;
  /** The case the error is about, when the client may open it (e.g. the open case that blocks a new one). */
  caseId?: string;
}

/** An error body whose code is in the catalogue. */
export type CodedErrorBody = ErrorBody<ErrorCode>;

/** What a call site may say beyond the code: a more specific message, and the offending field. */
export interface ErrorDetails {
  message?: string;
  messageZh?: string;
  field?: string;
  caseId?: string;
}

/** The body of `code`: the catalogue's default messages unless `details` gives more specific ones. */
export function errorBody(code: ErrorCode, details: ErrorDetails = {}): CodedErrorBody {
  const entry = ERROR_CATALOGUE[code];
  return {
    code,
    message: details.message ?? entry.message,
    messageZh: details.messageZh ?? entry.messageZh,
    ...(details.field === undefined ? {} : { field: details.field }),
    ...(details.caseId === undefined ? {} : { caseId: details.caseId }),
  };
}

/** A typed domain error: thrown by domain rules, mapped to a 4xx by the API (status from the catalogue). */
export class DomainError extends Error implements CodedErrorBody {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly field?: string;
  readonly caseId?: string;

  constructor(body: CodedErrorBody) {
    super(body.message);
    this.name = 'DomainError';
    this.code = body.code;
    this.messageZh = body.messageZh;
    if (body.field !== undefined) this.field = body.field;
    if (body.caseId !== undefined) this.caseId = body.caseId;
  }

  /** The plain body, safe to send to a client (no stack). */
  toBody(): CodedErrorBody {
    return {
      code: this.code,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.caseId === undefined ? {} : { caseId: this.caseId }),
    };
  }
}

/**
 * The one CASE_NOT_FOUND: an unknown case, someone else's case (so that case ids cannot be probed),
 * or a path id that cannot name a case. With `caseId`, the message names it (for the store's own use;
 * the API's ownership checks call it without one).
 */
export const caseNotFound = (caseId?: string): DomainError =>
  new DomainError(
    errorBody(
      'CASE_NOT_FOUND',
      caseId === undefined
        ? {}
        : { message: `Case ${caseId} does not exist.`, messageZh: `案件 ${caseId} 不存在。` },
    ),
  );

/**
 * The one result shape every validator returns: the normalised value, or one bilingual error.
 * `overridable` marks failures an officer may accept anyway (e.g. a checksum on a real but odd document);
 * the catalogue marks the same codes (a unit test keeps the two in step).
 */
export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; error: CodedErrorBody; overridable?: boolean };

/** A successful validation carrying the normalised value. */
export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });

/** A failed validation; `field` is left to the caller (the zod schema knows the path). */
export function invalid<T = never>(
  code: ErrorCode,
  message: string,
  messageZh: string,
  options: { overridable?: boolean; field?: string } = {},
): Validation<T> {
  const error: CodedErrorBody = {
    code,
    message,
    messageZh,
    ...(options.field ? { field: options.field } : {}),
  };
  return options.overridable ? { ok: false, error, overridable: true } : { ok: false, error };
}

/** Normalises what people paste: full-width digits and letters to ASCII (NFKC), trims, drops inner spaces. */
export const compactInput = (raw: string): string => raw.normalize('NFKC').replace(/[\s\u200b]+/g, '');
