import { DOCUMENT_RULES, type DocumentType } from '../../../functions/domain/document-types.ts';
import type { TimelineEntry } from '../api.ts';
import { formatChinaDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { EVENT_LABELS, labelOf, STATUS_LABELS, STEP_LABELS } from '../labels.ts';

/** The applicant's case history, oldest first, in plain words. */
export function Timeline({ items }: { items: TimelineEntry[] }) {
  const { t, lang, pick } = useI18n();
  const shown = items;
  if (shown.length === 0) return <p className="muted">{t('timelineEmpty')}</p>;
  const by = { you: t('byYou'), officer: t('byOfficer'), system: t('bySystem') };
  return (
    <ol className="timeline" data-testid="timeline">
      {shown.map((item) => (
        <li
          key={`${item.at}:${item.event}:${item.toStatus ?? item.step ?? ''}`}
          className="timeline-item"
          data-event={item.event}
        >
          <time dateTime={item.at}>{formatChinaDateTime(item.at, lang)}</time>
          <div>
            <strong>{labelOf(EVENT_LABELS, item.event, lang)}</strong>
            {item.toStatus && item.event === 'STATUS_CHANGED' && (
              <span> → {labelOf(STATUS_LABELS, item.toStatus, lang)}</span>
            )}
            {item.step && item.event !== 'STATUS_CHANGED' && (
              <span> · {labelOf(STEP_LABELS, item.step, lang)}</span>
            )}
            <span className="muted"> · {by[item.by]}</span>
            {item.documents && (
              <ul className="compact">
                {item.documents.map((d) => {
                  const rule = DOCUMENT_RULES[d as DocumentType];
                  return <li key={d}>{rule ? pick(rule.labelZh, rule.labelEn) : d}</li>;
                })}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
