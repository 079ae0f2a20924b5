/**
 * The one place where errors become HTTP responses. Domain code throws `DomainError`s with stable
 * codes; this table gives each code its status. Anything unexpected is a 500 with a generic body
 * (the details go to the redacted log, never to the client).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorBody } from '#domain/errors';

/** Status by DomainError code; codes not listed are 400 (a domain rule the request broke). */
export const ERROR_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  CASE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  OPEN_CASE_EXISTS: 409,
  CASE_EXISTS: 409,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  STEP_NOT_PENDING: 409,
  TASK_GONE: 409,
  CASE_NOT_EDITABLE: 409,
  CASE_NOT_WITHDRAWABLE: 409,
  OVERRIDE_REQUIRED: 409,
  NOTHING_TO_OVERRIDE: 409,
  UPLOAD_NOT_ALLOWED: 409,
  NOT_AT_BUREAU: 409,
  CASE_CLOSED: 409,
  ENTITY_CHANGE_NOT_ALLOWED: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_ELIGIBLE: 422,
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** An error body with the extra list of every issue (validation, eligibility). */
export interface ErrorResponseBody extends ErrorBody {
  issues?: ErrorBody[];
}

/** A DomainError that carries every issue, not just the first (returned as `issues`). */
export class IssuesError extends DomainError {
  constructor(
    readonly issues: ErrorBody[],
    readonly status: ContentfulStatusCode,
    fallback: ErrorBody,
  ) {
    super(issues[0] ?? fallback);
  }
}

/** Shorthand for the bilingual DomainError. */
export const apiError = (code: string, message: string, messageZh: string, field?: string) =>
  new DomainError({ code, message, messageZh, ...(field === undefined ? {} : { field }) });

export const INTERNAL_BODY: ErrorBody = {
  code: 'INTERNAL',
  message: 'Something went wrong on our side. Please try again later.',
  messageZh: '系统繁忙，请稍后重试。',
};

const HTTP_BODIES: Record<number, ErrorBody> = {
  400: { code: 'BAD_REQUEST', message: 'The request is not valid.', messageZh: '请求无效。' },
  401: { code: 'UNAUTHORIZED', message: 'Please sign in.', messageZh: '请先登录。' },
  403: { code: 'FORBIDDEN', message: 'You may not do this.', messageZh: '您无权执行此操作。' },
  404: { code: 'NOT_FOUND', message: 'Not found.', messageZh: '未找到。' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.', messageZh: '不支持该请求方法。' },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than 64 KB.',
    messageZh: '请求内容超过 64 KB。',
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json.',
    messageZh: '请以 application/json 格式提交。',
  },
};

export const MALFORMED_JSON_BODY: ErrorBody = {
  code: 'MALFORMED_JSON',
  message: 'The request body is not valid JSON.',
  messageZh: '请求内容不是有效的 JSON。',
};

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
    return { status: ERROR_STATUS[error.code] ?? 400, body: error.toBody(), internal: false };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400 && /json/i.test(error.message)) {
      return { status, body: MALFORMED_JSON_BODY, internal: false };
    }
    if (status >= 500) return { status: 500, body: INTERNAL_BODY, internal: true };
    return {
      status,
      body: HTTP_BODIES[status] ?? {
        code: `HTTP_${status}`,
        message: 'Request failed.',
        messageZh: '请求失败。',
      },
      internal: false,
    };
  }
  return { status: 500, body: INTERNAL_BODY, internal: true };
}

/** The JSON response for a status-and-body pair (every error goes out through here). */
export const errorJson = (c: Context, status: ContentfulStatusCode, body: ErrorResponseBody) =>
  c.json(body, status);

export const notFoundBody = (what = 'case'): ErrorBody =>
  what === 'case'
    ? { code: 'CASE_NOT_FOUND', message: 'The case does not exist.', messageZh: '案件不存在。' }
    : { code: 'NOT_FOUND', message: 'No such resource.', messageZh: '请求的资源不存在。' };
