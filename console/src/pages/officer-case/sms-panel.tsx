import { useState } from 'react';
import { api, type CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { InputField } from '../../components/labelled-field.tsx';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/** The bureau's SMS check of the responsible person, recorded once it is done (with an optional note). */
export function SmsPanel({ record }: { record: CaseView }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const sms = record.smsVerification;
  return (
    <Card id="sms" title={t('smsTitle')} testId="sms-panel">
      <p className="muted">{t('smsIntro')}</p>
      {sms ? (
        <p className="alert alert-success" data-testid="sms-done">
          ✓ {t('smsDone', { at: formatChinaDateTime(sms.completedAt, lang) })}
          {sms.note && ` · ${sms.note}`}
        </p>
      ) : (
        <div className="inline-form">
          <InputField id="sms-note" label={t('smsNote')} value={note} onValue={setNote} />
          <ActionButton
            testId="sms-record"
            className="button"
            kind="record"
            post={() => api.smsVerification(record.caseId, note.trim() ? { note: note.trim() } : {})}
          >
            {t('smsRecord')}
          </ActionButton>
        </div>
      )}
    </Card>
  );
}
