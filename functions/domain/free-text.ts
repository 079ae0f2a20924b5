/**
 * Free text as people type it: names, addresses, website names, officers' reasons and notes (issue 14).
 * Names and addresses are printed on the bureau's forms and reasons are shown to applicants, so every
 * such field goes through one rule, here: NFKC-normalised (full-width letters and digits become the
 * ordinary ones, so that `Ａ１` and `A1` are one name), trimmed, and refused when it holds characters
 * that change how the text reads without being seen or that have no agreed meaning:
 *
 * - control characters (Cc), except line breaks in the multi-line fields (reasons and notes come from
 *   textareas);
 * - format characters (Cf): the bidirectional overrides and isolates (U+202E shows a name reversed),
 *   zero-width spaces and joiners, the byte-order mark, the soft hyphen;
 * - private-use characters (Co): they look like anything or nothing depending on the font;
 * - unpaired surrogates (Cs): not text at all, only a broken encoding.
 *
 * A name needs at least one letter: a name of digits or punctuation only names nobody.
 */
import * as z from 'zod';
import { errorBody, type Validation, valid } from './errors.ts';
import { addValidationIssue } from './zod-errors.ts';

export type FreeTextKind = 'name' | 'line' | 'multiline';

const CONTROL = /\p{Cc}/u;
/** Control characters other than the line feed: what a multi-line field refuses (after CRLF → LF). */
const CONTROL_BUT_LINE_FEED = /(?!\n)\p{Cc}/u;
const FORMAT = /\p{Cf}/u;
// With the `u` flag a lone surrogate is one code point of category Cs; a valid pair is one astral
// character, and does not match.
const UNSUPPORTED = /[\p{Co}\p{Cs}]/u;
const LETTER = /\p{L}/u;

const codePoint = (match: string) =>
  `U+${(match.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** NFKC, line breaks as LF, and trimmed: the form free text is stored in. */
export function normaliseFreeText(value: string): string {
  return value.normalize('NFKC').replace(/\r\n?/g, '\n').trim();
}

/** Checks normalised free text: nothing invisible, nothing without meaning, a letter in a name. */
export function checkFreeText(value: string, kind: FreeTextKind): Validation<string> {
  const control = (kind === 'multiline' ? CONTROL_BUT_LINE_FEED : CONTROL).exec(value);
  const invisible = control ?? FORMAT.exec(value);
  if (invisible) {
    const at = codePoint(invisible[0]);
    return {
      ok: false,
      error: errorBody('TEXT_INVISIBLE_CHARACTERS', {
        message: `Remove the control, invisible or direction-changing character ${at} from this text.`,
        messageZh: `请删除其中的控制字符、不可见字符或改变文字方向的字符（${at}）。`,
      }),
    };
  }
  const unsupported = UNSUPPORTED.exec(value);
  if (unsupported) {
    const at = codePoint(unsupported[0]);
    return {
      ok: false,
      error: errorBody('TEXT_UNSUPPORTED_CHARACTERS', {
        message: `Remove the character ${at}: it is private-use or a broken encoding and reads differently on every device.`,
        messageZh: `请删除字符 ${at}：它是私用区字符或编码错误，在不同设备上显示不一致。`,
      }),
    };
  }
  if (kind === 'name' && value !== '' && !LETTER.test(value)) {
    return { ok: false, error: errorBody('NAME_WITHOUT_LETTER') };
  }
  return valid(value);
}

/**
 * The zod schema of a free-text field: normalised (the parsed value is the clean text), checked, then
 * held to `min`/`max` characters of the clean text. The field path of a refusal is the field's own, so
 * the error names it.
 */
export function freeText(options: { kind: FreeTextKind; min?: number; max?: number }) {
  let schema = z
    .string()
    .overwrite(normaliseFreeText)
    .superRefine((value, ctx) => {
      const checked = checkFreeText(value, options.kind);
      if (!checked.ok) addValidationIssue(ctx, checked.error);
    });
  if (options.min !== undefined) schema = schema.min(options.min);
  if (options.max !== undefined) schema = schema.max(options.max);
  return schema;
}
