import { useCallback, useEffect, useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import {
  addBusinessDays,
  chinaDate,
  holidayOn,
  isBusinessDay,
  isIsoDate,
} from '../../../functions/domain/china-calendar.ts';
import { CONTENT_CATEGORIES, type ContentCategory } from '../../../functions/domain/content-categories.ts';
import { DOCUMENT_RULES, type DocumentType } from '../../../functions/domain/document-types.ts';
import { parseIcpNumber } from '../../../functions/domain/icp-number.ts';
import { OFFICES } from '../../../functions/domain/offices.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import {
  type AuditEvent,
  api,
  type CaseView,
  type OfficerCaseView,
  type OfficerDocument,
  type ReviewBody,
} from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { chinaInstant, formatAppointment, formatChinaDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import {
  APPLICANT_TYPE_LABELS,
  EVENT_LABELS,
  FILING_TYPE_LABELS,
  labelOf,
  STATUS_LABELS,
  STEP_LABELS,
} from '../labels.ts';
import { OTHER_REASON, REASON_TEMPLATES, reasonFor } from '../review-reasons.ts';
import { href } from '../router.ts';
import { DueCell } from './officer-queue.tsx';

type Act = (fn: () => Promise<unknown>, track?: boolean) => Promise<void>;

/** One case for officers: the step to decide, the documents with previews and findings, the trail. */
export function OfficerCasePage({ caseId, supervisor }: { caseId: string; supervisor: boolean }) {
  const { t, lang, pick } = useI18n();
  const [view, setView] = useState<OfficerCaseView>();
  const [audit, setAudit] = useState<AuditEvent[]>([]);
  const [error, setError] = useState<unknown>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ status: string; step?: string }>();

  const load = useCallback(async () => {
    try {
      const [v, a] = await Promise.all([api.officerCase(caseId), api.audit(caseId)]);
      setView(v);
      setAudit(a.items);
      setError(undefined);
      return v;
    } catch (e) {
      setError(e);
      return undefined;
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  // After a decision the workflow moves the case on asynchronously: poll until it has moved on and
  // the next step is open (or the case has ended). A status can change before the next step parks
  // (submitted to the bureau: AT_BUREAU first, the decision step a moment later).
  useEffect(() => {
    if (!sent) return;
    let tries = 0;
    const timer = window.setInterval(async () => {
      tries++;
      const v = await load();
      const movedOn = v && (v.case.currentStep !== sent.step || v.case.status !== sent.status);
      const settled = v && (Boolean(v.case.currentStep) || TERMINAL_STATUSES.has(v.case.status));
      if (!v || (movedOn && settled) || tries > 20) {
        window.clearInterval(timer);
        setSent(undefined);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [sent, load]);

  const act: Act = async (fn, track = true) => {
    if (!view) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await fn();
      if (track)
        setSent({
          status: view.case.status,
          ...(view.case.currentStep ? { step: view.case.currentStep } : {}),
        });
      await load();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

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
              {t('currentStep')}：{labelOf(STEP_LABELS, step, lang)}
            </span>
          )}
          {step && <DueCell dueDate={record.dueDate} t={t} />}
        </div>
      </div>

      {record.icpNumber && (
        <p className="alert alert-success">
          {t('icpNumber')}：<strong data-testid="officer-icp-number">{record.icpNumber}</strong>
        </p>
      )}
      {sent && (
        <p className="alert alert-info" role="status" data-testid="decision-sent">
          {t('decisionSent')}
        </p>
      )}
      <ErrorMessage error={actionError} testId="action-error" />

      <div className="officer-grid">
        <div className="officer-main">
          {step === 'REVIEW' && <ReviewPanel view={view} act={act} busy={busy} />}
          {step === 'LICENCE_REVIEW' && <LicencePanel caseId={record.caseId} act={act} busy={busy} />}
          {step === 'APPOINTMENT' && <AppointmentPanel record={record} act={act} busy={busy} />}
          {step === 'VERIFICATION' && <VerificationPanel record={record} act={act} busy={busy} />}
          {step === 'BUREAU_SUBMISSION' && <SubmissionPanel caseId={record.caseId} act={act} busy={busy} />}
          {step === 'BUREAU_DECISION' && <BureauDecisionPanel record={record} act={act} busy={busy} />}
          {(!step || step === 'DOCUMENTS') && (
            <p className="alert alert-info" data-testid="no-step">
              {t('waitingForStep')}
            </p>
          )}
          {step !== 'REVIEW' && (
            <DocumentsPanel
              view={view}
              supervisor={supervisor}
              act={act}
              busy={busy}
              onRefresh={() => void load()}
            />
          )}
          {supervisor && <ApplicationOverrides record={record} act={act} busy={busy} />}
        </div>
        <div className="officer-side">
          <ApplicationDetails record={record} />
        </div>
      </div>
      <AuditTrail items={audit} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Documents

function isImageOnly(docType: DocumentType) {
  return DOCUMENT_RULES[docType].contentTypes.every((c) => c !== 'application/pdf');
}

/**
 * An inline preview: an image, or a PDF in a frame. The file's detected type decides; without it,
 * the document's rule does (scans may be either: try the image first).
 */
function Preview({ doc }: { doc: OfficerDocument }) {
  const { t, pick } = useI18n();
  const rule = DOCUMENT_RULES[doc.docType];
  const pdfOnly = rule.contentTypes.every((c) => c === 'application/pdf');
  const [asFrame, setAsFrame] = useState(doc.contentType ? doc.contentType === 'application/pdf' : pdfOnly);
  if (!doc.downloadUrl) return null;
  const label = pick(doc.labelZh, doc.labelEn);
  return (
    <figure className="preview" data-testid={`preview-${doc.docType}`}>
      {asFrame ? (
        <iframe
          src={doc.downloadUrl}
          title={`${t('preview')}: ${label}`}
          referrerPolicy="no-referrer"
          loading="lazy"
        />
      ) : (
        <img
          src={doc.downloadUrl}
          alt={`${t('preview')}: ${label}`}
          referrerPolicy="no-referrer"
          loading="lazy"
          onError={() => {
            if (!isImageOnly(doc.docType)) setAsFrame(true);
          }}
        />
      )}
      <figcaption>
        <a href={doc.downloadUrl} target="_blank" rel="noopener noreferrer">
          {t('openInNewTab')}
        </a>
      </figcaption>
    </figure>
  );
}

function Findings({ doc }: { doc: OfficerDocument }) {
  const { t, pick } = useI18n();
  return (
    <div className="findings" data-testid={`findings-${doc.docType}`}>
      <h4>{t('findings')}</h4>
      {doc.findings.length === 0 ? (
        <p className="muted small">{t('noFindings')}</p>
      ) : (
        <ul>
          {doc.findings.map((f) => (
            <li key={`${f.code}:${f.message}`} className={`finding finding-${f.severity.toLowerCase()}`}>
              <span className="finding-severity">{f.severity}</span> {pick(f.messageZh, f.message)}{' '}
              <code className="small">{f.code}</code>
            </li>
          ))}
        </ul>
      )}
      {doc.override && <p className="small">{t('overridden', { reason: doc.override.reason })}</p>}
    </div>
  );
}

function DocumentHead({ doc }: { doc: OfficerDocument }) {
  const { pick, lang } = useI18n();
  return (
    <div className="checklist-head">
      <div>
        <h3 className="doc-title">{pick(doc.labelZh, doc.labelEn)}</h3>
        <p className="muted small">
          {lang === 'zh' ? doc.labelEn : doc.labelZh}
          {doc.uploadedAt && ` · ${formatChinaDateTime(doc.uploadedAt, lang)}`}
        </p>
      </div>
      <StatusBadge status={doc.status} kind="document" testId={`doc-status-${doc.docType}`} />
    </div>
  );
}

function LinksNote({ view, onRefresh }: { view: OfficerCaseView; onRefresh: () => void }) {
  const { t, lang } = useI18n();
  return (
    <p className="muted small">
      {t('linksExpire', { at: formatChinaDateTime(view.linksExpireAt, lang) })}{' '}
      <button type="button" className="button button-small" data-testid="refresh-links" onClick={onRefresh}>
        {t('refresh')}
      </button>
    </p>
  );
}

function DocumentsPanel({
  view,
  supervisor,
  act,
  busy,
  onRefresh,
}: {
  view: OfficerCaseView;
  supervisor: boolean;
  act: Act;
  busy: boolean;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="docs-title">
      <h2 id="docs-title">{t('documentsTitle')}</h2>
      <LinksNote view={view} onRefresh={onRefresh} />
      <ul className="checklist">
        {view.documents.map((doc) => (
          <li
            key={doc.docType}
            className="checklist-item"
            data-testid={`officer-doc-${doc.docType}`}
            data-status={doc.status}
          >
            <DocumentHead doc={doc} />
            <div className="doc-body">
              <Preview doc={doc} />
              <div>
                <Findings doc={doc} />
                {supervisor && doc.status === 'INVALID' && (
                  <DocumentOverride caseId={view.case.caseId} docType={doc.docType} act={act} busy={busy} />
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DocumentOverride({
  caseId,
  docType,
  act,
  busy,
}: {
  caseId: string;
  docType: DocumentType;
  act: Act;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const id = `override-${docType}`;
  return (
    <div className="override">
      <label htmlFor={id}>{t('overrideReason')}</label>
      <textarea
        id={id}
        rows={2}
        value={reason}
        data-testid={`override-reason-${docType}`}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="button button-small"
        data-testid={`override-doc-${docType}`}
        disabled={busy || reason.trim().length < 5}
        onClick={() => void act(() => api.overrideDocument(caseId, docType, reason.trim()), false)}
      >
        {t('overrideDoc')}
      </button>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Review

interface DocDecision {
  decision?: 'approve' | 'reject';
  reason: string;
  zh: string;
  en: string;
}

function ReviewPanel({ view, act, busy }: { view: OfficerCaseView; act: Act; busy: boolean }) {
  const { t, pick } = useI18n();
  const docs = view.documents.filter((d) => d.required);
  const [decisions, setDecisions] = useState<Record<string, DocDecision>>({});
  const [rejectCase, setRejectCase] = useState(false);
  const [caseReason, setCaseReason] = useState({ zh: '', en: '' });
  const get = (d: DocumentType): DocDecision =>
    decisions[d] ?? { reason: REASON_TEMPLATES[0]?.code ?? OTHER_REASON, zh: '', en: '' };
  const set = (d: DocumentType, patch: Partial<DocDecision>) =>
    setDecisions((prev) => ({ ...prev, [d]: { ...get(d), ...patch } }));

  const undecided = docs.filter((d) => !get(d.docType).decision).length;
  const rejected = docs.filter((d) => get(d.docType).decision === 'reject');
  const reasonsComplete = rejected.every((d) => reasonFor(get(d.docType).reason, get(d.docType)));

  const submit = () => {
    const body: ReviewBody =
      rejected.length > 0
        ? {
            decision: 'RETURN',
            documents: rejected.map((d) => ({
              docType: d.docType,
              reason: reasonFor(get(d.docType).reason, get(d.docType)) as {
                message: string;
                messageZh: string;
              },
            })),
          }
        : { decision: 'APPROVE' };
    void act(() => api.review(view.case.caseId, body));
  };

  return (
    <section className="card card-action" aria-labelledby="review-title" data-testid="review-panel">
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <p className="muted">{t('reviewIntro')}</p>
      <LinksNote view={view} onRefresh={() => window.location.reload()} />
      <ul className="checklist">
        {docs.map((doc) => {
          const d = get(doc.docType);
          const groupName = `review-${doc.docType}`;
          return (
            <li
              key={doc.docType}
              className={`checklist-item review-item review-${d.decision ?? 'open'}`}
              data-testid={`officer-doc-${doc.docType}`}
              data-status={doc.status}
            >
              <DocumentHead doc={doc} />
              <div className="doc-body">
                <Preview doc={doc} />
                <div>
                  <Findings doc={doc} />
                  <fieldset className="decision">
                    <legend className="visually-hidden">{pick(doc.labelZh, doc.labelEn)}</legend>
                    <label className={`toggle toggle-approve${d.decision === 'approve' ? ' on' : ''}`}>
                      <input
                        type="radio"
                        name={groupName}
                        checked={d.decision === 'approve'}
                        data-testid={`review-approve-${doc.docType}`}
                        onChange={() => set(doc.docType, { decision: 'approve' })}
                      />
                      ✓ {t('approveDoc')}
                    </label>
                    <label className={`toggle toggle-reject${d.decision === 'reject' ? ' on' : ''}`}>
                      <input
                        type="radio"
                        name={groupName}
                        checked={d.decision === 'reject'}
                        data-testid={`review-reject-${doc.docType}`}
                        onChange={() => set(doc.docType, { decision: 'reject' })}
                      />
                      ✕ {t('rejectDoc')}
                    </label>
                  </fieldset>
                  {d.decision === 'reject' && (
                    <div className="reason-box">
                      <label htmlFor={`reason-${doc.docType}`}>{t('reasonTemplate')}</label>
                      <select
                        id={`reason-${doc.docType}`}
                        value={d.reason}
                        data-testid={`review-reason-${doc.docType}`}
                        onChange={(e) => set(doc.docType, { reason: e.target.value })}
                      >
                        {REASON_TEMPLATES.map((r) => (
                          <option key={r.code} value={r.code}>
                            {r.labelZh} / {r.labelEn}
                          </option>
                        ))}
                        <option value={OTHER_REASON}>{t('reasonOther')}</option>
                      </select>
                      {d.reason === OTHER_REASON && (
                        <>
                          <label htmlFor={`reason-zh-${doc.docType}`}>{t('reasonZh')}</label>
                          <textarea
                            id={`reason-zh-${doc.docType}`}
                            rows={2}
                            lang="zh-CN"
                            value={d.zh}
                            data-testid={`review-reason-zh-${doc.docType}`}
                            onChange={(e) => set(doc.docType, { zh: e.target.value })}
                          />
                          <label htmlFor={`reason-en-${doc.docType}`}>{t('reasonEn')}</label>
                          <textarea
                            id={`reason-en-${doc.docType}`}
                            rows={2}
                            lang="en"
                            value={d.en}
                            data-testid={`review-reason-en-${doc.docType}`}
                            onChange={(e) => set(doc.docType, { en: e.target.value })}
                          />
                        </>
                      )}
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="form-actions sticky-actions">
        {undecided > 0 && (
          <>
            <span className="muted" data-testid="review-undecided">
              {t('reviewUndecided', { n: undecided })}
            </span>
            <button
              type="button"
              className="button"
              data-testid="review-approve-all"
              onClick={() =>
                setDecisions((prev) => {
                  const next = { ...prev };
                  for (const doc of docs)
                    if (!next[doc.docType]?.decision)
                      next[doc.docType] = { ...get(doc.docType), decision: 'approve' };
                  return next;
                })
              }
            >
              ✓ {t('approveDoc')} ({undecided})
            </button>
          </>
        )}
        <button
          type="button"
          className={`button ${rejected.length ? 'button-warning' : 'button-primary'}`}
          data-testid="review-submit"
          disabled={busy || undecided > 0 || !reasonsComplete}
          onClick={submit}
        >
          {rejected.length ? t('submitReviewReturn', { n: rejected.length }) : t('submitReviewApprove')}
        </button>
      </div>
      <details
        className="reject-case"
        open={rejectCase}
        onToggle={(e) => setRejectCase((e.target as HTMLDetailsElement).open)}
      >
        <summary data-testid="review-reject-case-toggle">{t('rejectCase')}</summary>
        <BilingualReason value={caseReason} onChange={setCaseReason} testId="review-reject-case-reason" />
        <button
          type="button"
          className="button button-danger"
          data-testid="review-reject-case"
          disabled={busy || !(caseReason.zh.trim() || caseReason.en.trim())}
          onClick={() => {
            const reason = reasonFor(OTHER_REASON, caseReason) as { message: string; messageZh: string };
            void act(() =>
              api.review(view.case.caseId, {
                decision: 'REJECT',
                reason: { message: reason.message, messageZh: reason.messageZh },
              }),
            );
          }}
        >
          {t('confirmReject')}
        </button>
      </details>
    </section>
  );
}

function BilingualReason({
  value,
  onChange,
  testId,
}: {
  value: { zh: string; en: string };
  onChange: (v: { zh: string; en: string }) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const languages = [
    { key: 'zh', lang: 'zh-CN', label: t('reasonZh') },
    { key: 'en', lang: 'en', label: t('reasonEn') },
  ] as const;
  return (
    <div className="grid-2">
      {languages.map(({ key, lang, label }) => (
        <div className="field" key={key}>
          <label htmlFor={`${testId}-${key}`}>{label}</label>
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

const bilingual = (v: { zh: string; en: string }) => {
  const r = reasonFor(OTHER_REASON, v);
  return r ? { message: r.message, messageZh: r.messageZh } : undefined;
};

// ---------------------------------------------------------------------------------------------
// Other steps

function LicencePanel({ caseId, act, busy }: { caseId: string; act: Act; busy: boolean }) {
  const { t } = useI18n();
  const [fee, setFee] = useState('');
  const [reason, setReason] = useState({ zh: '', en: '' });
  const feeNumber = Number(fee);
  const feeOk = fee.trim() !== '' && Number.isInteger(feeNumber) && feeNumber >= 0;
  return (
    <section className="card card-action" aria-labelledby="licence-title" data-testid="licence-panel">
      <h2 id="licence-title">{t('licenceTitle')}</h2>
      <div className="field">
        <label htmlFor="licence-fee">{t('feeYuan')}</label>
        <input
          id="licence-fee"
          inputMode="numeric"
          data-testid="licence-fee"
          value={fee}
          onChange={(e) => setFee(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="button button-primary"
        data-testid="licence-approve"
        disabled={busy || !feeOk}
        onClick={() => void act(() => api.licenceReview(caseId, { decision: 'APPROVE', feeYuan: feeNumber }))}
      >
        {t('approve')}
      </button>
      <details className="reject-case">
        <summary>{t('rejectCase')}</summary>
        <BilingualReason value={reason} onChange={setReason} testId="licence-reject-reason" />
        <button
          type="button"
          className="button button-danger"
          data-testid="licence-reject"
          disabled={busy || !bilingual(reason)}
          onClick={() =>
            void act(() =>
              api.licenceReview(caseId, {
                decision: 'REJECT',
                reason: bilingual(reason) as { message: string; messageZh: string },
              }),
            )
          }
        >
          {t('confirmReject')}
        </button>
      </details>
    </section>
  );
}

const TIMES = Array.from({ length: 17 }, (_, i) => {
  const minutes = 9 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

function AppointmentPanel({ record, act, busy }: { record: CaseView; act: Act; busy: boolean }) {
  const { t, pick, lang } = useI18n();
  const today = chinaDate();
  const [officeId, setOfficeId] = useState(record.office === 'SH' ? 'SH' : 'BJ');
  const [date, setDate] = useState(() => addBusinessDays(today, 1));
  const [time, setTime] = useState('10:00');
  const validDate = isIsoDate(date);
  const holiday = validDate ? holidayOn(date) : undefined;
  const businessDay = validDate && isBusinessDay(date);
  const future = validDate && new Date(chinaInstant(date, time)).getTime() > Date.now();
  const problem = !validDate
    ? undefined
    : !businessDay
      ? t('notBusinessDay', { date }) +
        (holiday ? t('holidayName', { name: pick(holiday.nameZh, holiday.nameEn) }) : '')
      : !future
        ? t('dateInPast')
        : undefined;
  return (
    <section className="card card-action" aria-labelledby="appt-title" data-testid="appointment-panel">
      <h2 id="appt-title">{t('scheduleTitle')}</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor="appt-office">{t('office')}</label>
          <select
            id="appt-office"
            data-testid="appt-office"
            value={officeId}
            onChange={(e) => setOfficeId(e.target.value)}
          >
            {OFFICES.map((o) => (
              <option key={o.id} value={o.id}>
                {pick(o.name.zh, o.name.en)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="appt-date">{t('date')}</label>
          <input
            id="appt-date"
            type="date"
            min={today}
            data-testid="appt-date"
            value={date}
            aria-invalid={problem ? true : undefined}
            aria-describedby="appt-problem"
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="appt-time">{t('time')}</label>
          <select
            id="appt-time"
            data-testid="appt-time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          >
            {TIMES.map((tm) => (
              <option key={tm} value={tm}>
                {tm}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p
        id="appt-problem"
        className={problem ? 'text-danger' : 'muted'}
        aria-live="polite"
        data-testid="appt-feedback"
      >
        {problem ?? (validDate ? formatAppointment(chinaInstant(date, time), lang) : '')}
      </p>
      <button
        type="button"
        className="button button-primary"
        data-testid="appt-submit"
        disabled={busy || !!problem || !validDate}
        onClick={() =>
          void act(() => api.appointment(record.caseId, { officeId, startsAt: chinaInstant(date, time) }))
        }
      >
        {t('bookAppointment')}
      </button>
    </section>
  );
}

function VerificationPanel({ record, act, busy }: { record: CaseView; act: Act; busy: boolean }) {
  const { t, lang, pick } = useI18n();
  const office = OFFICES.find((o) => o.id === record.appointment?.officeId);
  return (
    <section className="card card-action" aria-labelledby="verify-title" data-testid="verification-panel">
      <h2 id="verify-title">{t('verificationTitle')}</h2>
      {record.appointment && (
        <p data-testid="officer-appointment">
          {formatAppointment(record.appointment.startsAt, lang)} ·{' '}
          {office ? pick(office.name.zh, office.name.en) : record.appointment.officeId}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="verify-present"
          disabled={busy}
          onClick={() => void act(() => api.verification(record.caseId, 'PRESENT'))}
        >
          ✓ {t('markPresent')}
        </button>
        <button
          type="button"
          className="button button-danger-quiet"
          data-testid="verify-no-show"
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('confirmNoShow')))
              void act(() => api.verification(record.caseId, 'NO_SHOW'));
          }}
        >
          {t('markNoShow')}
        </button>
      </div>
    </section>
  );
}

/** 'YYYY-MM-DDTHH:mm' of now in China, for datetime-local inputs read as China time. */
const chinaNowLocal = () => {
  const iso = new Date(Date.now() + 8 * 3_600_000).toISOString();
  return iso.slice(0, 16);
};

function SubmissionPanel({ caseId, act, busy }: { caseId: string; act: Act; busy: boolean }) {
  const { t } = useI18n();
  const [at, setAt] = useState(chinaNowLocal);
  const [reference, setReference] = useState('');
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at);
  return (
    <section className="card card-action" aria-labelledby="sub-title" data-testid="bureau-submission-panel">
      <h2 id="sub-title">{t('bureauSubmissionTitle')}</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="sub-at">{t('submittedAt')}</label>
          <input
            id="sub-at"
            type="datetime-local"
            max={chinaNowLocal()}
            data-testid="bureau-submitted-at"
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sub-ref">{t('bureauReference')}</label>
          <input
            id="sub-ref"
            data-testid="bureau-reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
      </div>
      <button
        type="button"
        className="button button-primary"
        data-testid="bureau-submit"
        disabled={busy || !valid}
        onClick={() =>
          void act(() =>
            api.bureauSubmission(caseId, {
              submittedAt: `${at}:00+08:00`,
              ...(reference.trim() ? { reference: reference.trim() } : {}),
            }),
          )
        }
      >
        {t('recordSubmission')}
      </button>
    </section>
  );
}

function BureauDecisionPanel({ record, act, busy }: { record: CaseView; act: Act; busy: boolean }) {
  const { t, pick, lang } = useI18n();
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState({ zh: '', en: '' });
  const parsed = number.trim() ? parseIcpNumber(number) : undefined;
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
        : { ok: true, text: t('icpNumberOk', { n: parsed.value.normalised }) };
  const sms = record.smsVerification;
  return (
    <>
      <section className="card" aria-labelledby="sms-title" data-testid="sms-panel">
        <h2 id="sms-title">{t('smsTitle')}</h2>
        <p className="muted">{t('smsIntro')}</p>
        {sms ? (
          <p className="alert alert-success" data-testid="sms-done">
            ✓ {t('smsDone', { at: formatChinaDateTime(sms.completedAt, lang) })}
            {sms.note && ` · ${sms.note}`}
          </p>
        ) : (
          <div className="inline-form">
            <div className="field">
              <label htmlFor="sms-note">{t('smsNote')}</label>
              <input
                id="sms-note"
                data-testid="sms-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <button
              type="button"
              className="button"
              data-testid="sms-record"
              disabled={busy}
              onClick={() =>
                void act(
                  () => api.smsVerification(record.caseId, note.trim() ? { note: note.trim() } : {}),
                  false,
                )
              }
            >
              {t('smsRecord')}
            </button>
          </div>
        )}
      </section>
      <section
        className="card card-action"
        aria-labelledby="decision-title"
        data-testid="bureau-decision-panel"
      >
        <h2 id="decision-title">{t('bureauDecisionTitle')}</h2>
        <div className="field">
          <label htmlFor="icp-input">{t('icpNumber')}</label>
          <input
            id="icp-input"
            data-testid="icp-number-input"
            spellCheck={false}
            placeholder={`${PROVINCES.find((p) => p.code === record.province)?.icpAbbreviation ?? '京'}ICP备12345678号-1`}
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
        </div>
        <button
          type="button"
          className="button button-primary"
          data-testid="icp-approve"
          disabled={busy || !feedback?.ok}
          onClick={() =>
            parsed?.ok &&
            void act(() =>
              api.bureauDecision(record.caseId, { decision: 'APPROVE', icpNumber: parsed.value.normalised }),
            )
          }
        >
          {t('approveWithNumber')}
        </button>
        <details className="reject-case">
          <summary data-testid="bureau-reject-toggle">{t('bureauRejected')}</summary>
          <BilingualReason value={reason} onChange={setReason} testId="bureau-reject-reason" />
          <button
            type="button"
            className="button button-danger"
            data-testid="bureau-reject"
            disabled={busy || !bilingual(reason)}
            onClick={() =>
              void act(() =>
                api.bureauDecision(record.caseId, {
                  decision: 'REJECT',
                  reason: bilingual(reason) as { message: string; messageZh: string },
                }),
              )
            }
          >
            {t('confirmReject')}
          </button>
        </details>
      </section>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Supervisor, application, audit

const OVERRIDABLE = [
  'CREDIT_CODE_CHECKSUM',
  'CREDIT_CODE_ORG_CHECKSUM',
  'DOMAIN_TLD_NOT_APPROVED',
  'REGISTRAR_NOT_ACCREDITED',
];

function ApplicationOverrides({ record, act, busy }: { record: CaseView; act: Act; busy: boolean }) {
  const { t } = useI18n();
  const pending = (record.pendingOverrides ?? []).filter(
    (c) => !(record.acceptedOverrides ?? []).includes(c),
  );
  const [code, setCode] = useState(pending[0] ?? OVERRIDABLE[0] ?? '');
  const [reason, setReason] = useState('');
  if (TERMINAL_STATUSES.has(record.status)) return null;
  return (
    <section className="card card-supervisor" aria-labelledby="sup-title" data-testid="supervisor-panel">
      <h2 id="sup-title">{t('supervisorTitle')}</h2>
      {pending.length > 0 && (
        <p className="alert alert-warning">{t('pendingOverrides', { codes: pending.join(', ') })}</p>
      )}
      {(record.acceptedOverrides ?? []).length > 0 && (
        <p className="muted small">✓ {(record.acceptedOverrides ?? []).join(', ')}</p>
      )}
      <div className="grid-2">
        <div className="field">
          <label htmlFor="ov-code">{t('overrideCode')}</label>
          <select
            id="ov-code"
            data-testid="override-app-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          >
            {[...new Set([...pending, ...OVERRIDABLE])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ov-reason">{t('overrideReason')}</label>
          <textarea
            id="ov-reason"
            rows={2}
            data-testid="override-app-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <button
        type="button"
        className="button"
        data-testid="override-app-submit"
        disabled={busy || reason.trim().length < 5}
        onClick={() => void act(() => api.overrideApplication(record.caseId, code, reason.trim()), false)}
      >
        {t('overrideApp')}
      </button>
    </section>
  );
}

type Json = Record<string, unknown>;

function ApplicationDetails({ record }: { record: CaseView }) {
  const { t, pick, lang } = useI18n();
  const app = (record.application ?? {}) as Json;
  const applicant = (app.applicant ?? {}) as Json;
  const person = (app.responsiblePerson ?? {}) as Json;
  const emergency = (person.emergencyContact ?? {}) as Json;
  const websites = (app.websites ?? []) as Json[];
  const commercial = app.commercial as Json | undefined;
  const provinceName = (code: unknown) => {
    const p = PROVINCES.find((x) => x.code === code);
    return p ? pick(p.nameZh, p.nameEn) : String(code ?? '');
  };
  const rows = (pairs: Array<[string, unknown]>) =>
    pairs
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => (
        <div key={k} className="details-row">
          <dt>{k}</dt>
          <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
        </div>
      ));
  const residence = applicant.residenceRegistration as Json | undefined;
  return (
    <section className="card" aria-labelledby="app-title" data-testid="application-details">
      <h2 id="app-title">{t('applicationTitle')}</h2>
      <h3>{t('sectionApplicant')}</h3>
      <dl className="details">
        {rows([
          [t('applicantType'), labelOf(APPLICANT_TYPE_LABELS, String(applicant.type ?? ''), lang)],
          [t('applicantName'), applicant.name],
          [t('idNumber'), applicant.idNumber],
          [t('creditCode'), applicant.creditCode],
          [t('legalRepresentative'), applicant.legalRepresentative],
          [t('nationality'), applicant.nationality],
          [t('residenceNumber'), residence?.number],
          [t('residenceValidUntil'), residence?.validUntil],
          [t('province'), provinceName(applicant.province)],
          [t('address'), applicant.address],
          [t('existingIcpNumber'), app.existingIcpNumber],
        ])}
      </dl>
      {websites.map((w, i) => (
        <div key={String((w.domains as string[] | undefined)?.join(',') ?? w.name)}>
          <h3>{t('website', { n: i + 1 })}</h3>
          <dl className="details">
            {rows([
              [t('websiteName'), w.name],
              [t('colDomains'), w.domains],
              [t('ipAddresses'), w.ipAddresses],
              [t('serverProvince'), provinceName(w.serverProvince)],
              [
                t('contentCategories'),
                ((w.contentCategories ?? []) as string[]).map((c) => {
                  const cat = CONTENT_CATEGORIES[c as ContentCategory];
                  return cat ? pick(cat.labelZh, cat.labelEn) : c;
                }),
              ],
            ])}
          </dl>
        </div>
      ))}
      <h3>{t('sectionResponsible')}</h3>
      <dl className="details">
        {rows([
          [t('personName'), person.name],
          [t('idNumber'), person.idNumber],
          [t('mobile'), person.mobile],
          [t('email'), person.email],
          [t('emergencyName'), emergency.name],
          [t('emergencyMobile'), emergency.mobile],
        ])}
      </dl>
      {commercial && (
        <>
          <h3>{t('sectionCommercial')}</h3>
          <dl className="details">
            {rows([
              [t('generalIcpNumber'), commercial.generalIcpNumber],
              [t('registeredCapital'), commercial.registeredCapitalCny],
              [t('legalRepName'), (commercial.legalRepresentative as Json | undefined)?.name],
              [t('foreignOwnership'), commercial.foreignOwnershipPercent],
              [t('staffInsured'), commercial.staffWithSocialInsurance],
            ])}
          </dl>
        </>
      )}
    </section>
  );
}

function AuditTrail({ items }: { items: AuditEvent[] }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('auditTitle')}</h2>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="audit-trail">
          <thead>
            <tr>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colActor')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colDetail')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.idempotencyKey} data-action={e.action}>
                <td className="nowrap">{formatChinaDateTime(e.at, lang)}</td>
                <td>
                  {e.actor.subject}
                  <div className="muted small">{e.actor.role}</div>
                </td>
                <td>{labelOf(EVENT_LABELS, e.action, lang)}</td>
                <td className="nowrap">
                  {e.fromStatus && labelOf(STATUS_LABELS, e.fromStatus, lang)}
                  {e.toStatus && ` → ${labelOf(STATUS_LABELS, e.toStatus, lang)}`}
                </td>
                <td>
                  <code className="detail">{e.detail ? JSON.stringify(e.detail) : ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
