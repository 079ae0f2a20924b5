/**
 * What an override request means, in words an applicant understands (issue 17): a saved draft that
 * fails only checks a supervisor may accept (the catalogue's `overridable` codes, e.g.
 * CREDIT_CODE_CHECKSUM) waits for a supervisor, who checks the value against the original document.
 * The applicant is told which checks, what happens next, and that correcting a typo by editing the
 * draft clears the request. Pure data and text: the console shows the same words as the emails.
 *
 * Which checks are overridable is the catalogue's decision (error-catalogue.ts: "a checksum on a real
 * but odd document, dated lists"); the checksum itself is GB 32100-2015's (/work/shared/domain-facts.md,
 * USCC). A failing check character is most often a typo, hence the hint to edit.
 */
import type { Bilingual } from './bilingual.ts';
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.ts';

/** One check in words: the catalogue's message for the code (the code itself when not catalogued). */
export function checkInWords(code: string): Bilingual {
  const entry = (ERROR_CATALOGUE as Record<string, { message: string; messageZh: string }>)[
    code as ErrorCode
  ];
  return entry ? { zh: entry.messageZh, en: entry.message } : { zh: code, en: code };
}

export const OVERRIDE_MEANING: Bilingual = {
  zh: '这类检查可由主管核对原件后特批：在主管接受之前，草稿会保存但无法提交。主管处理后我们会发邮件通知您。',
  en: 'A supervisor may accept checks like these after looking at the original document. Until then your draft is saved but cannot be submitted. We will email you when a supervisor has decided.',
};

export const OVERRIDE_TYPO_HINT: Bilingual = {
  zh: '如果只是输入错误，请编辑草稿改正：改正后无需特批，即可提交。',
  en: 'If it is just a typo, edit the draft and correct it: the request goes away and you can submit.',
};
