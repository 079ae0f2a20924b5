import { useState } from 'react';
import type { Reason } from '../../api.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';
import { OTHER_REASON, reasonFor } from '../../review-reasons.ts';
import { ActionButton } from './action-button.tsx';

/** A reason typed in both languages (either may be left empty). */
export interface ReasonText {
  zh: string;
  en: string;
}

/** The two languages of a typed reason: its key, the text's language, the label. */
export const REASON_LANGUAGES = [
  { key: 'zh', lang: 'zh-CN', label: 'reasonZh' },
  { key: 'en', lang: 'en', label: 'reasonEn' },
] as const satisfies ReadonlyArray<{ key: keyof ReasonText; lang: string; label: MessageKey }>;

/** The reason the API takes for a typed one; undefined while both languages are empty. */
const bilingual = (text: ReasonText): Omit<Reason, 'code'> | undefined => {
  const r = reasonFor(OTHER_REASON, text);
  return r ? { message: r.message, messageZh: r.messageZh } : undefined;
};

function BilingualReason({
  value,
  onChange,
  testId,
}: {
  value: ReasonText;
  onChange: (v: ReasonText) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="grid-2">
      {REASON_LANGUAGES.map(({ key, lang, label }) => (
        <div className="field" key={key}>
          <label htmlFor={`${testId}-${key}`}>{t(label)}</label>
          <textarea
            id={`${testId}-${key}`}
            lang={lang}
            rows={2}
            data-testid={`${testId}-${key}`}
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * Rejecting the case at a step, folded away: the reason in both languages and the confirming button
 * (test ids `${testId}`, `${testId}-toggle` on the summary, `${testId}-reason-zh|en` on the reason).
 */
export function RejectCase({
  summary,
  testId,
  reject,
}: {
  summary: string;
  testId: string;
  reject: (reason: Omit<Reason, 'code'>) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState<ReasonText>({ zh: '', en: '' });
  const reason = bilingual(text);
  return (
    <details className="reject-case">
      <summary data-testid={`${testId}-toggle`}>{summary}</summary>
      <BilingualReason value={text} onChange={setText} testId={`${testId}-reason`} />
      <ActionButton
        testId={testId}
        className="button button-danger"
        disabled={!reason}
        post={async () => reason && reject(reason)}
      >
        {t('confirmReject')}
      </ActionButton>
    </details>
  );
}
