import { useCallback, useEffect, useState } from 'react';
import { api, type CaseView } from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { formatChinaDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { FILING_TYPE_LABELS, labelOf } from '../labels.ts';
import { href } from '../router.ts';

const applicantName = (c: CaseView): string =>
  ((c.application as { applicant?: { name?: string } } | undefined)?.applicant?.name ?? '') || '—';

/** The applicant's cases, newest first. */
export function ApplicantCasesPage() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<CaseView[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();

  const load = useCallback((after?: string) => {
    setError(undefined);
    api.listMyCases(after).then((page) => {
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.cursor);
    }, setError);
  }, []);
  useEffect(() => load(), [load]);

  return (
    <>
      <div className="page-header">
        <h1>{t('myCasesTitle')}</h1>
        <a className="button button-primary" href={href('/cases/new')} data-testid="new-case">
          {t('navNewCase')}
        </a>
      </div>
      <ErrorMessage error={error} />
      {!items && !error && <p role="status">{t('loading')}</p>}
      {items && items.length === 0 && (
        <div className="empty card" data-testid="no-cases">
          <p>{t('noCases')}</p>
          <p>
            <a href={href('/help')}>{t('landingHelp')}</a>
          </p>
        </div>
      )}
      {items && items.length > 0 && (
        <ul className="case-cards" data-testid="case-list">
          {items.map((c) => (
            <li key={c.caseId} className="case-card" data-testid={`case-row-${c.caseId}`}>
              <div className="case-card-main">
                <a href={href(`/cases/${c.caseId}`)} className="case-link" data-testid="case-link">
                  {c.domains.join('、') || c.caseId}
                </a>
                <span className="muted small">
                  {c.caseId} · {labelOf(FILING_TYPE_LABELS, c.filingType, lang)} · {applicantName(c)}
                </span>
                {c.icpNumber && <span className="icp-inline">{c.icpNumber}</span>}
              </div>
              <div className="case-card-side">
                <StatusBadge status={c.status} />
                <span className="muted small">{formatChinaDateTime(c.updatedAt, lang)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => load(cursor)}>
          {t('loadMore')}
        </button>
      )}
    </>
  );
}
