import { useEffect, useState } from 'react';
import { HumanStep } from '../../../functions/domain/case-status.ts';
import { OFFICES } from '../../../functions/domain/offices.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import { api, type CaseView, type QueueFilters } from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { SelectField } from '../components/labelled-field.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TableHead } from '../components/table-head.tsx';
import { dueState } from '../format.ts';
import { type I18n, useI18n } from '../i18n.ts';
import { APPLICANT_TYPE_LABELS, FILING_TYPE_LABELS, labelOf, STEP_LABELS } from '../labels.ts';
import { href, navigate } from '../router.ts';

/** The office's name in the current language; the code when it is not one of ours. */
function useOfficeName() {
  const { pick } = useI18n();
  return (id: string | undefined) => {
    const office = OFFICES.find((o) => o.id === id);
    return office ? pick(office.name.zh, office.name.en) : (id ?? '—');
  };
}

/** The officers' queues (one per step), soonest due first, filtered by province, office, overdue. */
export function OfficerQueuePage({ query }: { query: URLSearchParams }) {
  const { t, lang, pick } = useI18n();
  const officeName = useOfficeName();
  const stepParam = query.get('step');
  const filters: QueueFilters = {
    step: HumanStep.options.includes(stepParam as HumanStep) ? (stepParam as HumanStep) : 'REVIEW',
    ...(query.get('province') ? { province: query.get('province') as string } : {}),
    ...(query.get('office') ? { office: query.get('office') as string } : {}),
    ...(query.get('overdue') === 'true' ? { overdue: true } : {}),
  };
  const key = JSON.stringify(filters);
  const [items, setItems] = useState<CaseView[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();

  const load = (after?: string) => {
    setError(undefined);
    api.queue({ ...filters, ...(after ? { cursor: after } : {}) }).then((page) => {
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.cursor);
    }, setError);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the filters (serialised in key) change
  useEffect(() => {
    setItems(undefined);
    load();
  }, [key]);

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (!next.get('step')) next.set('step', filters.step);
    navigate(`/officer?${next.toString()}`);
  };

  return (
    <>
      <div className="page-header">
        <h1>{t('queueTitle')}</h1>
        <button type="button" className="button" data-testid="queue-refresh" onClick={() => load()}>
          {t('refresh')}
        </button>
      </div>
      <form className="filters card" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="q-step"
          testId="queue-step"
          label={t('filterStep')}
          value={filters.step}
          onValue={(v) => setFilter('step', v)}
          options={[...HumanStep.options.filter((s) => s !== 'DOCUMENTS'), 'DOCUMENTS' as const].map(
            (s) => [s, labelOf(STEP_LABELS, s, lang)] as const,
          )}
        />
        {(
          [
            [
              'province',
              t('filterProvince'),
              PROVINCES.map((p) => [p.code, pick(p.nameZh, p.nameEn)] as const),
            ],
            ['office', t('filterOffice'), OFFICES.map((o) => [o.id, pick(o.name.zh, o.name.en)] as const)],
          ] as const
        ).map(([name, label, options]) => (
          <SelectField
            key={name}
            id={`q-${name}`}
            testId={`queue-${name}`}
            label={label}
            value={filters[name] ?? ''}
            onValue={(v) => setFilter(name, v)}
            any={t('any')}
            options={options}
          />
        ))}
        <label className="checkbox filter-check">
          <input
            type="checkbox"
            data-testid="queue-overdue"
            checked={!!filters.overdue}
            onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}
          />
          {t('filterOverdue')}
        </label>
      </form>
      <ErrorMessage error={error} />
      {!items && !error && <p role="status">{t('loading')}</p>}
      {items && items.length === 0 && (
        <p className="empty card" data-testid="queue-empty">
          {t('queueEmpty')}
        </p>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="queue-table">
            <caption className="visually-hidden">
              {t('queueTitle')} · {labelOf(STEP_LABELS, filters.step, lang)}
            </caption>
            <TableHead
              columns={[
                t('colCase'),
                t('colApplicant'),
                t('colFilingType'),
                t('colProvince'),
                t('colOffice'),
                t('colStatus'),
                t('colDue'),
              ]}
            />
            <tbody>
              {items.map((c) => {
                const due = dueState(c.dueDate);
                const province = PROVINCES.find((p) => p.code === c.province);
                return (
                  <tr
                    key={c.caseId}
                    className={due?.overdue ? 'row-overdue' : undefined}
                    data-testid={`queue-row-${c.caseId}`}
                    data-overdue={due?.overdue ? 'true' : 'false'}
                  >
                    <td>
                      <a href={href(`/officer/cases/${c.caseId}`)} data-testid="queue-case-link">
                        {c.caseId}
                      </a>
                      <div className="muted small">{c.domains.join(', ')}</div>
                    </td>
                    <td>
                      {(c.application as { applicant?: { name?: string } })?.applicant?.name ?? '—'}
                      <div className="muted small">
                        {labelOf(APPLICANT_TYPE_LABELS, c.applicantType, lang)}
                      </div>
                    </td>
                    <td>{labelOf(FILING_TYPE_LABELS, c.filingType, lang)}</td>
                    <td>{province ? pick(province.nameZh, province.nameEn) : c.province}</td>
                    <td>{officeName(c.office)}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>
                      <DueCell dueDate={c.dueDate} t={t} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => load(cursor)}>
          {t('loadMore')}
        </button>
      )}
    </>
  );
}

/** A due date with what it means in China business days; overdue is said in words and marked. */
export function DueCell({ dueDate, t }: { dueDate: string | undefined; t: I18n['t'] }) {
  const due = dueState(dueDate);
  if (!dueDate || !due) return <span className="muted">{t('noDue')}</span>;
  const text = due.overdue
    ? t('overdueBy', { n: Math.max(1, -due.businessDays) })
    : due.businessDays === 0
      ? t('dueToday')
      : t('dueInDays', { n: due.businessDays });
  return (
    <span className={due.overdue ? 'due due-overdue' : 'due'} data-testid="due">
      <time dateTime={dueDate}>{dueDate}</time>
      <span className="small">
        {due.overdue && <span aria-hidden="true">⚠ </span>}
        {text}
      </span>
      {due.provisional && (
        <span className="small muted" data-testid="due-provisional" title={t('dueProvisionalWhy')}>
          {t('dueProvisional')}
        </span>
      )}
    </span>
  );
}
