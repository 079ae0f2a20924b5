import type { AuditEvent } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { EVENT_LABELS, labelOf, STATUS_LABELS } from '../../labels.ts';

/** The case's whole audit trail, for officers: who did what, when, and the status it moved. */
export function AuditTrail({ items }: { items: AuditEvent[] }) {
  const { t, lang } = useI18n();
  return (
    <Card id="audit" title={t('auditTitle')}>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="audit-trail">
          <TableHead
            columns={[t('colTime'), t('colActor'), t('colAction'), t('colStatus'), t('colDetail')]}
          />
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
    </Card>
  );
}
