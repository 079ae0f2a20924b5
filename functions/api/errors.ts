/**
 * The one place where errors become HTTP responses. Domain code throws `DomainError`s with codes
 * from the catalogue (#domain/error-catalogue), which gives each code its status. Anything unexpected
 * is a 500 with a generic body (the details go to the redacted log, never to the client).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, statusOf } from '#domain/error-catalogue';
import {
  type CodedErrorBody,
  DomainError,
  type ErrorBody,
  type ErrorDetails,
  errorBody,
} from '#domain/errors';
import type { ApiEnv } from './context.ts';

/**
 * An error response body: a catalogued code (or `HTTP_<status>` for an HTTP status Hono raised
 * that the catalogue has no code for), and every issue (validation, eligibility) in `issues`.
 */
export interface ErrorResponseBody extends ErrorBody<ErrorCode | `HTTP_${number}`> {
  issues?: CodedErrorBody[];
}

/**
 * A DomainError that carries every issue, not just the first (returned as `issues`). The body is the
 * first issue (or `summary` when there is none); the status is the summary code's (VALIDATION → 400,
 * NOT_ELIGIBLE → 422), whatever the issues' own codes are.
 */
export class IssuesError extends DomainError {
  readonly status: ContentfulStatusCode;

  constructor(
    summary: CodedErrorBody,
    readonly issues: CodedErrorBody[],
  ) {
    super(issues[0] ?? summary);
    this.status = statusOf(summary.code);
  }
}

/** The bilingual DomainError of `code`, with the catalogue's messages unless `details` says more. */
export const apiError = (code: ErrorCode, details?: ErrorDetails): DomainError =>
  new DomainError(errorBody(code, details));

/** Codes for the HTTP statuses Hono itself may raise (each code's status is the one it stands for). */
const HTTP_STATUS_CODES: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];

/** Maps any thrown value to a status and a client-safe body; `internal` marks what must be logged. */
export function toErrorResponse(error: unknown): {
  status: ContentfulStatusCode;
  body: ErrorResponseBody;
  internal: boolean;
} {
  if (error instanceof IssuesError) {
    return { status: error.status, body: { ...error.toBody(), issues: error.issues }, internal: false };
  }
  if (error instanceof DomainError) {
    return { status: statusOf(error.code), body: error.toBody(), internal: false };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400 && /json/i.test(error.message)) {
      return { status, body: errorBody('MALFORMED_JSON'), internal: false };
    }
    if (status >= 500) return { status: 500, body: errorBody('INTERNAL'), internal: true };
    const code = HTTP_STATUS_CODES.find((c) => statusOf(c) === status);
    return {
      status,
      body: code
        ? errorBody(code)
        : { code: `HTTP_${status}`, message: 'Request failed.', messageZh: '请求失败。' },
      internal: false,
    };
  }
  return { status: 500, body: errorBody('INTERNAL'), internal: true };
}

/** Answers with the response `toErrorResponse` gives for `error` (for hooks that return, not throw). */
export function errorResponse(c: Context<ApiEnv>, error: DomainError): Response {
  const { status, body } = toErrorResponse(error);
  return c.json(body, status);
}
