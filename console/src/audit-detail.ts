/**
 * An audit event's detail in words for the officers' audit trail (issue 17: it was raw JSON): each
 * field with a label, document types, steps and statuses by their names, lists joined, nested
 * values one level deep. Unknown fields keep their key, so nothing recorded is hidden.
 */
import { DOCUMENT_RULES, type DocumentType } from '../../functions/domain/document-types.ts';
import { labelOf, STATUS_LABELS, STEP_LABELS } from './labels.ts';

type Lang = 'zh' | 'en';

const FIELD_LABELS: Record<string, readonly [string, string]> = {
  step: ['环节', 'Step'],
  leftStep: ['结束的环节', 'Step ended'],
  waitingSince: ['等待起始', 'Waiting since'],
  decision: ['决定', 'Decision'],
  documents: ['材料', 'Documents'],
  returned: ['退回的材料', 'Returned'],
  docType: ['材料', 'Document'],
  reason: ['原因', 'Reason'],
  reasonCodes: ['原因代码', 'Reason codes'],
  code: ['检查', 'Check'],
  codes: ['检查', 'Checks'],
  icpNumber: ['ICP 备案号', 'ICP number'],
  before: ['之前', 'Before'],
  after: ['结果', 'Outcome'],
  status: ['状态', 'Status'],
  version: ['版本', 'Version'],
  template: ['邮件', 'Email'],
};

function valueInWords(key: string, value: unknown, lang: Lang): string {
  if (Array.isArray(value))
    return value.map((v) => valueInWords(key, v, lang)).join(lang === 'zh' ? '、' : ', ');
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${labelOfField(k, lang)} ${valueInWords(k, v, lang)}`)
      .join('; ');
  }
  const text = String(value);
  if (text in DOCUMENT_RULES) {
    const rule = DOCUMENT_RULES[text as DocumentType];
    return lang === 'zh' ? rule.labelZh : rule.labelEn;
  }
  if (key === 'step' || key === 'leftStep') return labelOf(STEP_LABELS, text, lang);
  if (key === 'status') return labelOf(STATUS_LABELS, text, lang);
  return text;
}

const labelOfField = (key: string, lang: Lang) => {
  const pair = FIELD_LABELS[key];
  return pair ? pair[lang === 'zh' ? 0 : 1] : key;
};

/** The detail as labelled lines: `[label, value]` per field. */
export function auditDetailLines(
  detail: Record<string, unknown> | undefined,
  lang: Lang,
): [string, string][] {
  return Object.entries(detail ?? {}).map(([key, value]) => [
    labelOfField(key, lang),
    valueInWords(key, value, lang),
  ]);
}
