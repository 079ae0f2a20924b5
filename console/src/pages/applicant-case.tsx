import { useCallback, useEffect, useRef, useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import { DOCUMENT_RULES, type DocumentType } from '../../../functions/domain/document-types.ts';
import { icpFooterSnippet } from '../../../functions/domain/icp-footer.ts';
import { bringToVerification, OFFICES } from '../../../functions/domain/offices.ts';
import { api, type CaseView, type TimelineEntry } from '../api.ts';
import { DocumentChecklist } from '../components/document-checklist.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { OverrideRequestNotice } from '../components/override-request-notice.tsx';
import { ProviderDocumentsCard } from '../components/provider-document-list.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Timeline } from '../components/timeline.tsx';
import { formatAppointment, formatChinaDateTime } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useCasePolling } from '../hooks/use-case-polling.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { FILING_TYPE_LABELS, labelOf } from '../labels.ts';
import { colon } from '../punctuation.ts';
import { href } from '../router.ts';

/** One case as its applicant sees it: what to do next, the documents, the appointment, the number. */
export function ApplicantCasePage({ caseId }: { caseId: string }) {
  const { t, lang, pick } = useI18n();
  const [record, setRecord] = useState<CaseView>();
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  // Uploads whose inspection result is not on the case yet: poll quickly until it is.
  const waiting = useRef(new Map<DocumentType, string>());
  const awaiting = useCallback(() => waiting.current.size, []);

  const load = useCallback(async () => {
    try {
      const [c, tl] = await Promise.all([api.getCase(caseId), api.timeline(caseId)]);
      setRecord(c);
      setTimeline(tl.items);
      setError(undefined);
      for (const [docType, uploadId] of waiting.current) {
        const summary = c.documents[docType];
        if (summary?.uploadId === uploadId && summary.status !== 'PENDING') waiting.current.delete(docType);
      }
    } catch (e) {
      setError(e);
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  useCasePolling(load, record, awaiting);

  const { busy, error: actionError, run } = useAction(load);
  /** Posts an applicant's action; `done` is the notice shown once it succeeded. */
  const act = (post: () => Promise<unknown>, done?: string) => {
    setNotice(undefined);
    return run(post, done ? () => setNotice(done) : undefined);
  };

  if (error && !record) {
    return (
      <>
        <ErrorMessage error={error} />
        <button type="button" className="button" onClick={() => void load()}>
          {t('retry')}
        </button>
      </>
    );
  }
  if (!record) return <p role="status">{t('loading')}</p>;

  const pendingOverrides = (record.pendingOverrides ?? []).filter(
    (c) => !(record.acceptedOverrides ?? []).includes(c),
  );
  const canWithdraw =
    !TERMINAL_STATUSES.has(record.status) &&
    record.status !== 'SUBMITTED' &&
    record.status !== 'CROSS_CHECKING';
  const office = record.appointment ? OFFICES.find((o) => o.id === record.appointment?.officeId) : undefined;
  const pick2 = (b: { zh: string; en: string }) => (lang === 'zh' ? b.zh : b.en);

  return (
    <div
      className="case-page"
      data-testid="applicant-case"
      data-case-id={record.caseId}
      data-status={record.status}
    >
      <p>
        <a href={href('/cases')}>← {t('navMyCases')}</a>
      </p>
      <div className="page-header">
        <div>
          <h1>{record.domains.join('、') || t('caseTitle', { id: record.caseId })}</h1>
          <p className="muted">
            <span data-testid="case-id">{record.caseId}</span> ·{' '}
            {labelOf(FILING_TYPE_LABELS, record.filingType, lang)}
          </p>
        </div>
        <StatusBadge status={record.status} testId="case-status" />
      </div>

      <div className="alert alert-info" data-testid="next-step">
        <strong>
          {t('nextStep')}
          {colon(lang)}
        </strong>
        {t(`next${record.status}` as MessageKey)}
      </div>
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorMessage error={actionError} testId="action-error" />

      {/* A cancelled website's number is no longer shown on a site: no footer snippet for it. */}
      {record.icpNumber && record.status === 'APPROVED' && record.filingType !== 'CANCEL_WEBSITE' && (
        <IcpNumberCard icpNumber={record.icpNumber} />
      )}
      {record.icpNumber && record.status === 'APPROVED' && record.filingType === 'CANCEL_WEBSITE' && (
        <section className="card" data-testid="cancelled-result">
          <p>
            {pick(
              `网站备案 ${record.icpNumber} 已注销，请从网站上移除该备案号。`,
              `The website filing ${record.icpNumber} is cancelled: remove the number from the site.`,
            )}
          </p>
        </section>
      )}
      <BureauReturnsCard record={record} />
      {record.licenceFee && (
        <section className="card" aria-labelledby="fee-title" data-testid="licence-fee">
          <h2 id="fee-title">{t('licenceFeeTitle')}</h2>
          <p>{t('licenceFeeAmount', { fee: record.licenceFee.feeYuan })}</p>
        </section>
      )}
      {record.filingType === 'COMMERCIAL' && <ProviderDocumentsCard record={record} />}
      {record.smsWindow && record.status === 'AT_BUREAU' && (
        <p className="alert alert-warning" data-testid="sms-window">
          {t('smsWindowEnds', { at: formatChinaDateTime(record.smsWindow.endsAt, lang) })}
        </p>
      )}

      {record.status === 'DRAFT' && (
        <section className="card" aria-labelledby="submit-title">
          <h2 id="submit-title">{t('submitCase')}</h2>
          <OverrideRequestNotice codes={pendingOverrides} />
          <p className="muted">{t('submitHint')}</p>
          <p>
            <a className="button" href={href(`/cases/${record.caseId}/edit`)} data-testid="edit-case">
              {t('editCase')}
            </a>
          </p>
          <button
            type="button"
            className="button button-primary"
            data-testid="submit-case"
            disabled={busy || pendingOverrides.length > 0}
            onClick={() => void act(() => api.submitCase(record.caseId))}
          >
            {busy ? t('submitting') : t('submitCase')}
          </button>
        </section>
      )}

      {record.appointment && (
        <section className="card" aria-labelledby="appointment-title" data-testid="appointment">
          <h2 id="appointment-title">{t('appointmentTitle')}</h2>
          <dl className="details">
            <dt>{t('appointmentWhen')}</dt>
            <dd data-testid="appointment-time">{formatAppointment(record.appointment.startsAt, lang)}</dd>
            <dt>{t('appointmentWhere')}</dt>
            <dd data-testid="appointment-office">
              {office ? (
                <>
                  <strong>{pick2(office.name)}</strong>
                  <br />
                  {pick2(office.address)}
                </>
              ) : (
                record.appointment.officeId
              )}
            </dd>
            {office && (
              <>
                <dt>{t('appointmentHours')}</dt>
                <dd>{pick2(office.hours)}</dd>
              </>
            )}
            <dt>{t('appointmentBring')}</dt>
            <dd>
              <ul className="compact">
                {bringToVerification(record.applicantType).map((item) => (
                  <li key={item.en}>{pick2(item)}</li>
                ))}
              </ul>
            </dd>
          </dl>
        </section>
      )}

      <DocumentChecklist
        record={record}
        onUploaded={(docType, uploadId) => {
          waiting.current.set(docType, uploadId);
          void load();
        }}
      />

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timelineTitle')}</h2>
        <Timeline items={timeline} />
      </section>

      {canWithdraw && (
        <div className="danger-zone">
          <button
            type="button"
            className="button button-danger-quiet"
            data-testid="withdraw-case"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('withdrawConfirm'))) {
                void act(
                  () => api.withdrawCase(record.caseId),
                  record.status === 'DRAFT' ? undefined : t('withdrawRequested'),
                );
              }
            }}
          >
            {t('withdrawCase')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The issued number with the footer snippet to copy. */
/**
 * The bureau's returns (退回, not rejections), latest first: its reasons and what each names to correct
 * (a document to upload again, an application field); the open one while the case waits on corrections.
 */
function BureauReturnsCard({ record }: { record: CaseView }) {
  const { t, pick, lang } = useI18n();
  const returns = [...(record.bureauReturns ?? [])].reverse();
  if (returns.length === 0) return null;
  return (
    <section className="card card-supervisor" aria-labelledby="returns-title" data-testid="bureau-returns">
      <h2 id="returns-title">{t('bureauReturnsTitle')}</h2>
      {returns.map((r) => (
        <div key={r.round}>
          <p className="muted">
            {t('bureauReturnRound', {
              n: r.round,
              at: formatChinaDateTime(r.returnedAt, lang),
              left: r.returnsLeft,
            })}
          </p>
          <ul>
            {r.reasons.map((reason) => (
              <li key={`${reason.docType ?? reason.field ?? reason.code}-${reason.messageZh}`}>
                {pick(reason.messageZh, reason.message)}
                {reason.docType && (
                  <>
                    {' — '}
                    {t('correctDocument', {
                      d: pick(DOCUMENT_RULES[reason.docType].labelZh, DOCUMENT_RULES[reason.docType].labelEn),
                    })}
                  </>
                )}
                {reason.field && <> — {t('correctField', { f: reason.field })}</>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function IcpNumberCard({ icpNumber }: { icpNumber: string }) {
  const { t } = useI18n();
  const snippet = icpFooterSnippet(icpNumber);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const codeRef = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(snippet);
      else throw new Error('no clipboard');
      setCopyState('copied');
    } catch {
      // Fallback for browsers without the async clipboard: select the code and copy it.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      const ok = document.execCommand?.('copy') ?? false;
      setCopyState(ok ? 'copied' : 'failed');
    }
  };
  return (
    <section className="card card-success" aria-labelledby="icp-title" data-testid="icp-result">
      <h2 id="icp-title">{t('icpTitle')}</h2>
      <p className="icp-number" data-testid="icp-number">
        {icpNumber}
      </p>
      <p className="muted">{t('icpIntro')}</p>
      <pre className="snippet">
        <code ref={codeRef} data-testid="footer-snippet">
          {snippet}
        </code>
      </pre>
      <button
        type="button"
        className="button button-primary"
        data-testid="copy-snippet"
        onClick={() => void copy()}
      >
        {t('copySnippet')}
      </button>
      <span role="status" className="copy-status" data-testid="copy-status">
        {copyState === 'copied' ? t('copied') : copyState === 'failed' ? t('copyFailed') : ''}
      </span>
    </section>
  );
}
