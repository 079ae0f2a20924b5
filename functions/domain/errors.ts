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
