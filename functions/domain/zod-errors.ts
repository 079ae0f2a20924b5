/**
 * One mapping from zod issues to the system's error shape, with Chinese messages an applicant
 * understands, and the bridge that lets validators report through zod with a field path.
 */
import * as z from 'zod';
import type { ErrorCode } from './error-catalogue.ts';
import { type CodedErrorBody, errorBody, type Validation } from './errors.ts';

/** The dotted field path of an issue: ['websites', 0, 'domains', 1] → 'websites.0.domains.1'. */
export const fieldPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

/** Reports a failed validation as a zod issue that keeps its code, Chinese message and overridability. */
export function addValidationIssue(
  ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void } | z.RefinementCtx,
  error: CodedErrorBody,
  options: { path?: PropertyKey[]; overridable?: boolean } = {},
): void {
  (ctx as z.RefinementCtx).addIssue({
    code: 'custom',
    message: error.message,
    params: { code: error.code, messageZh: error.messageZh, overridable: options.overridable === true },
    ...(options.path ? { path: options.path } : {}),
  });
}

/**
 * A string schema that runs a validator and outputs its normalised value, or reports the validator's error
 * as a zod issue. An overridable failure whose code is in `acceptedOverrides` (an officer accepted it)
 * passes with `fallback(input)` as its value.
 */
export function validatedString<T, O>(
  validator: (value: string) => Validation<T>,
  pick: (value: T) => O,
  overrides: { acceptedOverrides?: ReadonlySet<string>; fallback?: (input: string) => O } = {},
): z.ZodPipe<z.ZodString, z.ZodTransform<Awaited<O>, string>> {
  return z.string().transform((input, ctx) => {
    const result = validator(input);
    if (result.ok) return pick(result.value) as Awaited<O>;
    if (result.overridable && overrides.fallback && overrides.acceptedOverrides?.has(result.error.code)) {
      return overrides.fallback(input) as Awaited<O>;
    }
    addValidationIssue(ctx, result.error, { overridable: result.overridable === true });
    return z.NEVER;
  });
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
};

function bodyOf(issue: z.core.$ZodIssue, input: unknown): Omit<CodedErrorBody, 'field'> {
  switch (issue.code) {
    case 'custom': {
      // `addValidationIssue` is the one writer of these params, and it takes catalogued codes only.
      const params = (issue.params ?? {}) as { code?: ErrorCode; messageZh?: string };
      return {
        code: params.code ?? 'INVALID',
        message: issue.message,
        messageZh: params.messageZh ?? '填写的内容不正确。',
      };
    }
    case 'invalid_type': {
      const missing =
        input !== undefined
          ? valueAt(input, issue.path) === undefined
          : /received undefined/.test(issue.message);
      if (missing) return errorBody('REQUIRED');
      return {
        code: 'INVALID_TYPE',
        message: `Expected ${issue.expected}.`,
        messageZh: issue.expected === 'number' ? '请填写数字。' : '填写的内容格式不正确。',
      };
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') {
        return {
          code: 'TOO_FEW',
          message: `Add at least ${issue.minimum}.`,
          messageZh: `至少需要填写${issue.minimum}项。`,
        };
      }
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? errorBody('REQUIRED')
          : {
              code: 'TOO_SHORT',
              message: `Enter at least ${issue.minimum} characters.`,
              messageZh: `至少需要${issue.minimum}个字符。`,
            };
      }
      return {
        code: 'TOO_SMALL',
        message: `Must be at least ${issue.minimum}.`,
        messageZh: `数值不能小于${issue.minimum}。`,
      };
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') {
        return {
          code: 'TOO_MANY',
          message: `Add at most ${issue.maximum}.`,
          messageZh: `最多只能填写${issue.maximum}项。`,
        };
      }
      if (issue.origin === 'string') {
        return {
          code: 'TOO_LONG',
          message: `Enter at most ${issue.maximum} characters.`,
          messageZh: `不能超过${issue.maximum}个字符。`,
        };
      }
      return {
        code: 'TOO_BIG',
        message: `Must be at most ${issue.maximum}.`,
        messageZh: `数值不能大于${issue.maximum}。`,
      };
    case 'invalid_format':
      return errorBody(issue.format === 'email' ? 'EMAIL_FORMAT' : 'INVALID_FORMAT');
    case 'invalid_value':
      return {
        code: 'INVALID_OPTION',
        // The console shows this to applicants: the options' codes (PERSONAL, CORPORATE…) mean nothing
        // to them, and API clients find the allowed values in /openapi.json.
        message: 'Choose one of the options offered.',
        messageZh: '请从给定选项中选择。',
      };
    case 'invalid_union':
      return { code: 'INVALID_OPTION', message: 'Choose a valid option.', messageZh: '请选择有效的类型。' };
    case 'unrecognized_keys':
      return {
        code: 'UNKNOWN_FIELD',
        message: `Unknown field(s): ${issue.keys.join(', ')}.`,
        messageZh: `包含无法识别的字段：${issue.keys.join('、')}。`,
      };
    default:
      return { code: 'INVALID', message: issue.message, messageZh: '填写的内容不正确。' };
  }
}

/**
 * Maps every issue of a zod error to the error shape, with `field` as a dotted path. Pass the parsed
 * input to tell a missing field ("required") from a wrongly typed one.
 */
export function fromZodError(error: z.ZodError, input?: unknown): CodedErrorBody[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    return { ...bodyOf(issue, input), ...(field ? { field } : {}) };
  });
}

/** Codes of issues an officer may override (checksums, dated lists), read from the issue params. */
export function overridableCodes(error: z.ZodError): string[] {
  const params = error.issues.flatMap((i) =>
    i.code === 'custom' ? [(i.params ?? {}) as { code?: string; overridable?: boolean }] : [],
  );
  return params.filter((p) => p.overridable).map((p) => String(p.code));
}
