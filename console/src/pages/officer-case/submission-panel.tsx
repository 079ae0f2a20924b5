import { useState } from 'react';
import { api } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { InputField } from '../../components/labelled-field.tsx';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/** 'YYYY-MM-DDTHH:mm' of now in China, for datetime-local inputs read as China time. */
const chinaNowLocal = () => {
  const iso = new Date(Date.now() + 8 * 3_600_000).toISOString();
  return iso.slice(0, 16);
};

/** Recording the submission to the communications administration: when, and its reference if any. */
export function SubmissionPanel({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [at, setAt] = useState(chinaNowLocal);
  const [reference, setReference] = useState('');
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at);
  const post = () =>
    api.bureauSubmission(caseId, {
      submittedAt: `${at}:00+08:00`,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
  return (
    <Card
      id="sub"
      title={t('bureauSubmissionTitle')}
      testId="bureau-submission-panel"
      className="card card-action"
    >
      <div className="grid-2">
        <InputField
          id="sub-at"
          testId="bureau-submitted-at"
          label={t('submittedAt')}
          type="datetime-local"
          max={chinaNowLocal()}
          value={at}
          onValue={setAt}
        />
        <InputField
          id="sub-ref"
          testId="bureau-reference"
          label={t('bureauReference')}
          value={reference}
          onValue={setReference}
        />
      </div>
      <ActionButton testId="bureau-submit" disabled={!valid} post={post}>
        {t('recordSubmission')}
      </ActionButton>
    </Card>
  );
}
