import { useState } from 'react';
import { api, type CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { InputField } from '../../components/labelled-field.tsx';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/**
 * The bureau's SMS check of the responsible person. On the SMS step (with its 24-hour window) the
 * officer records it completed, or failed after five wrong answers (the bureau returns the filing);
 * a case started before the step existed (waiting on the decision) takes a completion as a note.
 */
export function SmsPanel({ record }: { record: CaseView }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const sms = record.smsVerification;
  const onStep = record.currentStep === 'SMS_VERIFICATION';
  const body = (outcome: 'COMPLETED' | 'FAILED') => ({
    outcome,
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  return (
    <Card id="sms" title={t('smsTitle')} testId="sms-panel" className={onStep ? 'card card-action' : 'card'}>
      <p className="muted">{t('smsIntro')}</p>
      {record.smsWindow && (
        <p className="alert alert-warning" data-testid="sms-window">
          {t('smsWindowEnds', { at: formatChinaDateTime(record.smsWindow.endsAt, lang) })}
        </p>
      )}
      {sms && !onStep ? (
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
            kind={onStep ? 'decide' : 'record'}
            post={() => api.smsVerification(record.caseId, body('COMPLETED'))}
          >
            {t('smsRecord')}
          </ActionButton>
          {onStep && (
            <ActionButton
              testId="sms-failed"
              className="button button-danger"
              confirm={t('smsFailedConfirm')}
              post={() => api.smsVerification(record.caseId, body('FAILED'))}
            >
              {t('smsFailed')}
            </ActionButton>
          )}
        </div>
      )}
    </Card>
  );
}
