import { useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import { OVERRIDABLE_CODES } from '../../../functions/domain/error-catalogue.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import { api, type CaseView, type OfficerCaseView } from '../api.ts';
import { Card } from '../components/card.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { LabelledField, SelectField } from '../components/labelled-field.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { OfficerActionContext, useOfficerCase } from '../hooks/use-officer-case.ts';
import { useI18n } from '../i18n.ts';
import { APPLICANT_TYPE_LABELS, FILING_TYPE_LABELS, labelOf, STEP_LABELS } from '../labels.ts';
import { colon } from '../punctuation.ts';
import { href } from '../router.ts';
import { ActionButton } from './officer-case/action-button.tsx';
import { ApplicationDetails } from './officer-case/application-details.tsx';
import { AppointmentPanel } from './officer-case/appointment-panel.tsx';
import { AuditTrail } from './officer-case/audit-trail.tsx';
import { BureauDecisionPanel } from './officer-case/bureau-decision-panel.tsx';
import { DocumentsPanel } from './officer-case/documents.tsx';
import { EligibilityWarnings } from './officer-case/eligibility-warnings.tsx';
import { EmailsPanel } from './officer-case/emails-panel.tsx';
import { LicencePanel } from './officer-case/licence-panel.tsx';
import { ProviderDocumentsPanel } from './officer-case/provider-documents-panel.tsx';
import { ReviewPanel } from './officer-case/review-panel.tsx';
import { SmsPanel } from './officer-case/sms-panel.tsx';
import { SubmissionPanel } from './officer-case/submission-panel.tsx';
import { VerificationPanel } from './officer-case/verification-panel.tsx';
import { DueCell } from './officer-queue.tsx';

/** One case for officers: the step to decide, the documents with previews and findings, the trail. */
export function OfficerCasePage({ caseId, supervisor }: { caseId: string; supervisor: boolean }) {
  const { t, lang, pick } = useI18n();
  const { view, audit, emails, error, sent, actionError, action, refresh } = useOfficerCase(caseId);

  if (error && !view) return <ErrorMessage error={error} />;
  if (!view) return <p role="status">{t('loading')}</p>;
  const record = view.case;
  const step = TERMINAL_STATUSES.has(record.status) ? undefined : record.currentStep;
  const province = PROVINCES.find((p) => p.code === record.province);

  return (
    <div
      className="case-page officer"
      data-testid="officer-case"
      data-case-id={record.caseId}
      data-status={record.status}
      data-step={record.currentStep ?? ''}
    >
      <p>
        <a href={href(`/officer${record.currentStep ? `?step=${record.currentStep}` : ''}`)}>
          ← {t('navQueue')}
        </a>
      </p>
      <div className="page-header">
        <div>
          <h1>{t('officerCaseTitle', { id: record.caseId })}</h1>
          <p className="muted">
            {labelOf(FILING_TYPE_LABELS, record.filingType, lang)} ·{' '}
            {labelOf(APPLICANT_TYPE_LABELS, record.applicantType, lang)} ·{' '}
            {province ? pick(province.nameZh, province.nameEn) : record.province} ·{' '}
            {record.domains.join(', ')}
          </p>
        </div>
        <div className="header-side">
          <StatusBadge status={record.status} testId="case-status" />
          {step && (
            <span className="muted small" data-testid="current-step">
              {t('currentStep')}
              {colon(lang)}
              {labelOf(STEP_LABELS, step, lang)}
            </span>
          )}
          {step && <DueCell dueDate={record.dueDate} t={t} />}
        </div>
      </div>

      {record.icpNumber && (
        <p className="alert alert-success">
          {t('icpNumber')}
          {colon(lang)}
          <strong data-testid="officer-icp-number">{record.icpNumber}</strong>
        </p>
      )}
      {sent && (
        <p className="alert alert-info" role="status" data-testid="decision-sent">
          {t('decisionSent')}
        </p>
      )}
      <ErrorMessage error={actionError} testId="action-error" />

      <OfficerActionContext value={action}>
        <div className="officer-grid">
          <div className="officer-main">
            <EligibilityWarnings warnings={view.eligibilityWarnings ?? []} />
            <StepPanel view={view} />
            {record.filingType === 'COMMERCIAL' && (
              <ProviderDocumentsPanel record={record} open={!TERMINAL_STATUSES.has(record.status)} />
            )}
            {step !== 'REVIEW' && (
              <DocumentsPanel view={view} supervisor={supervisor} onRefresh={() => void refresh()} />
            )}
            {supervisor && <ApplicationOverrides record={record} />}
          </div>
          <div className="officer-side">
            <ApplicationDetails record={record} />
            <EmailsPanel caseId={record.caseId} items={emails} />
          </div>
        </div>
      </OfficerActionContext>
      <AuditTrail items={audit} />
    </div>
  );
}

/** The panel of the step the case waits on, or a note that no officer step is open. */
function StepPanel({ view }: { view: OfficerCaseView }) {
  const { t } = useI18n();
  const record = view.case;
  const step = TERMINAL_STATUSES.has(record.status) ? undefined : record.currentStep;
  switch (step) {
    case 'REVIEW':
      return <ReviewPanel view={view} />;
    case 'LICENCE_REVIEW':
      return <LicencePanel caseId={record.caseId} />;
    case 'APPOINTMENT':
      return <AppointmentPanel record={record} />;
    case 'VERIFICATION':
      return <VerificationPanel record={record} />;
    case 'BUREAU_SUBMISSION':
      return <SubmissionPanel caseId={record.caseId} />;
    case 'SMS_VERIFICATION':
      return <SmsPanel record={record} />;
    case 'BUREAU_DECISION':
      return (
        <>
          <SmsPanel record={record} />
          <BureauDecisionPanel record={record} />
        </>
      );
    default:
      return (
        <p className="alert alert-info" data-testid="no-step">
          {t('waitingForStep')}
        </p>
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Supervisor

/** A supervisor accepts an overridable application failure (e.g. a TLD not on the list), with a reason. */
function ApplicationOverrides({ record }: { record: CaseView }) {
  const { t } = useI18n();
  const accepted = record.acceptedOverrides ?? [];
  const pending = (record.pendingOverrides ?? []).filter((c) => !accepted.includes(c));
  const [code, setCode] = useState(pending[0] ?? OVERRIDABLE_CODES[0] ?? '');
  const [reason, setReason] = useState('');
  if (TERMINAL_STATUSES.has(record.status)) return null;
  return (
    <Card id="sup" title={t('supervisorTitle')} testId="supervisor-panel" className="card card-supervisor">
      {pending.length > 0 && (
        <p className="alert alert-warning">{t('pendingOverrides', { codes: pending.join(', ') })}</p>
      )}
      {accepted.length > 0 && <p className="muted small">✓ {accepted.join(', ')}</p>}
      <div className="grid-2">
        <SelectField
          id="ov-code"
          testId="override-app-code"
          label={t('overrideCode')}
          value={code}
          onValue={setCode}
          options={[...new Set([...pending, ...OVERRIDABLE_CODES])].map((c) => [c, c] as const)}
        />
        <LabelledField id="ov-reason" label={t('overrideReason')}>
          <textarea
            id="ov-reason"
            rows={2}
            data-testid="override-app-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </LabelledField>
      </div>
      <ActionButton
        testId="override-app-submit"
        className="button"
        kind="record"
        disabled={reason.trim().length < 5}
        post={() => api.overrideApplication(record.caseId, code, reason.trim())}
      >
        {t('overrideApp')}
      </ActionButton>
    </Card>
  );
}
