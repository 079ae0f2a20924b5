/** A table of cases for staff lists and search results: each row links to the officer's case page. */
import type { ReactNode } from 'react';
import { OFFICES } from '../../../functions/domain/offices.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import type { CaseView } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { APPLICANT_TYPE_LABELS, FILING_TYPE_LABELS, labelOf, STEP_LABELS } from '../labels.ts';
import { href } from '../router.ts';
import { StatusBadge } from './status-badge.tsx';
import { TableHead } from './table-head.tsx';

export function CaseTable({
  items,
  caption,
  testId,
  extra,
}: {
  items: CaseView[];
  caption: string;
  testId: string;
  /** One more column: its heading and its cell for each case. */
  extra?: { heading: string; cell: (c: CaseView) => ReactNode };
}) {
  const { lang, pick } = useI18n();
  const office = (id: string | undefined) => {
    const found = OFFICES.find((o) => o.id === id);
    return found ? pick(found.name.zh, found.name.en) : '—';
  };
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead
          columns={[
            pick('案件', 'Case'),
            pick('申请人', 'Applicant'),
            pick('备案类型', 'Filing type'),
            pick('省份', 'Province'),
            pick('核验点', 'Office'),
            pick('状态', 'Status'),
            pick('创建日期', 'Opened'),
            ...(extra ? [extra.heading] : []),
          ]}
        />
        <tbody>
          {items.map((c) => {
            const province = PROVINCES.find((p) => p.code === c.province);
            return (
              <tr key={c.caseId} data-testid={`case-row-${c.caseId}`}>
                <td>
                  <a href={href(`/officer/cases/${c.caseId}`)} data-testid="case-link">
                    {c.caseId}
                  </a>
                  <div className="muted small">{c.domains.join(', ')}</div>
                </td>
                <td>
                  {c.application.applicant.name}
                  <div className="muted small">{labelOf(APPLICANT_TYPE_LABELS, c.applicantType, lang)}</div>
                </td>
                <td>{labelOf(FILING_TYPE_LABELS, c.filingType, lang)}</td>
                <td>{province ? pick(province.nameZh, province.nameEn) : c.province}</td>
                <td>{office(c.office)}</td>
                <td>
                  <StatusBadge status={c.status} />
                  {c.currentStep && (
                    <div className="muted small">{labelOf(STEP_LABELS, c.currentStep, lang)}</div>
                  )}
                </td>
                <td>
                  <time dateTime={c.createdAt}>{c.createdAt.slice(0, 10)}</time>
                </td>
                {extra && <td>{extra.cell(c)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
