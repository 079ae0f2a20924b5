import { useState } from 'react';
import { DOCUMENT_RULES, type DocumentType } from '../../../../functions/domain/document-types.ts';
import { api, type CaseView } from '../../api.ts';
import { InputField, SelectField } from '../../components/labelled-field.tsx';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/**
 * The bureau's return (退回, not a rejection): one reason naming what to correct, a document of the case
 * or an application field (as a path such as `websites.0.name`), in Chinese and English.
 */
export function BureauReturn({ record }: { record: CaseView }) {
  const { t, pick } = useI18n();
  const [target, setTarget] = useState('');
  const [field, setField] = useState('');
  const [messageZh, setMessageZh] = useState('');
  const [message, setMessage] = useState('');
  const options = [
    ...record.requiredDocuments.map(
      (d: DocumentType) => [d, pick(DOCUMENT_RULES[d].labelZh, DOCUMENT_RULES[d].labelEn)] as const,
    ),
    ['FIELD', t('returnField')] as const,
  ];
  const names = target === 'FIELD' ? { field: field.trim() } : { docType: target as DocumentType };
  const ready =
    target !== '' && (target !== 'FIELD' || field.trim() !== '') && message.trim() && messageZh.trim();
  return (
    <details className="reject-case" data-testid="bureau-return">
      <summary>{t('bureauReturned')}</summary>
      <SelectField
        id="return-target"
        label={t('returnTarget')}
        value={target}
        onValue={setTarget}
        options={options}
        any="—"
      />
      {target === 'FIELD' && (
        <InputField
          id="return-field"
          label={t('returnField')}
          value={field}
          onValue={setField}
          placeholder="websites.0.name"
        />
      )}
      <InputField id="return-zh" label={t('reasonZh')} value={messageZh} onValue={setMessageZh} />
      <InputField id="return-en" label={t('reasonEn')} value={message} onValue={setMessage} />
      <ActionButton
        testId="bureau-return-submit"
        disabled={!ready}
        post={() =>
          api.bureauDecision(record.caseId, {
            decision: 'RETURN',
            reasons: [{ ...names, message: message.trim(), messageZh: messageZh.trim() }],
          })
        }
      >
        {t('bureauReturnSubmit')}
      </ActionButton>
    </details>
  );
}
