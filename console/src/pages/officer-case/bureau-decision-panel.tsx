import { useState } from 'react';
import { checkDecisionNumber, parseDecisionNumber } from '../../../../functions/domain/decision-number.ts';
import { actsOnEntity } from '../../../../functions/domain/filing-kinds.ts';
import { PROVINCES } from '../../../../functions/domain/provinces.ts';
import { api, type CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { LabelledField } from '../../components/labelled-field.tsx';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';
import { BureauReturn } from './bureau-return.tsx';
import { RejectCase } from './reject-case.tsx';

/** The bureau's decision: the ICP number it issued (checked as typed), or its rejection with the reason. */
export function BureauDecisionPanel({ record }: { record: CaseView }) {
  const { t, pick } = useI18n();
  const [number, setNumber] = useState('');
  const parsed = number.trim() ? parseDecisionNumber(number) : undefined;
  // The same check as the API: the kind of number for the case, the entity's existing number.
  const checked = number.trim()
    ? checkDecisionNumber(number, {
        filingType: record.filingType,
        province: record.province,
        existingIcpNumber: record.application.existingIcpNumber,
      })
    : undefined;
  const icpNumber = checked?.ok ? checked.value.normalised : undefined;
  const provinceOf = (code: string) => {
    const p = PROVINCES.find((x) => x.code === code);
    return p ? pick(p.nameZh, p.nameEn) : code;
  };
  const feedback = !parsed
    ? undefined
    : !parsed.ok
      ? { ok: false, text: pick(parsed.error.messageZh, parsed.error.message) }
      : parsed.value.province !== record.province
        ? {
            ok: false,
            text: t('icpProvinceMismatch', {
              got: provinceOf(parsed.value.province),
              want: provinceOf(record.province),
            }),
          }
        : checked && !checked.ok
          ? { ok: false, text: pick(checked.error.messageZh, checked.error.message) }
          : { ok: true, text: t('icpNumberOk', { n: parsed.value.normalised }) };
  const abbreviation = PROVINCES.find((p) => p.code === record.province)?.icpAbbreviation ?? '京';
  return (
    <Card
      id="decision"
      title={t('bureauDecisionTitle')}
      testId="bureau-decision-panel"
      className="card card-action"
    >
      <LabelledField id="icp-input" label={t('icpNumber')}>
        <input
          id="icp-input"
          data-testid="icp-number-input"
          spellCheck={false}
          placeholder={
            record.filingType === 'COMMERCIAL'
              ? `${abbreviation}B2-20090059`
              : actsOnEntity(record.filingType)
                ? (record.application.existingIcpNumber ?? `${abbreviation}ICP备12345678号`)
                : `${abbreviation}ICP备12345678号-1`
          }
          aria-invalid={feedback && !feedback.ok ? true : undefined}
          aria-describedby="icp-feedback"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
        <p
          id="icp-feedback"
          aria-live="polite"
          className={feedback ? (feedback.ok ? 'text-success' : 'text-danger') : 'muted'}
          data-testid="icp-number-feedback"
        >
          {feedback?.text ?? ''}
        </p>
      </LabelledField>
      <ActionButton
        testId="icp-approve"
        disabled={!feedback?.ok || !icpNumber}
        post={() => api.bureauDecision(record.caseId, { decision: 'APPROVE', icpNumber: icpNumber ?? '' })}
      >
        {t('approveWithNumber')}
      </ActionButton>
      <BureauReturn record={record} />
      <RejectCase
        summary={t('bureauRejected')}
        testId="bureau-reject"
        reject={(reason) => api.bureauDecision(record.caseId, { decision: 'REJECT', reason })}
      />
    </Card>
  );
}
