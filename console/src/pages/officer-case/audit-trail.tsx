import type { AuditEvent } from '../../api.ts';
import { auditDetailLines } from '../../audit-detail.ts';
import { Card } from '../../components/card.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { EVENT_LABELS, labelOf, STATUS_LABELS } from '../../labels.ts';

/** The case's whole audit trail, for officers: who did what, when, and the status it moved. */
export function AuditTrail({ items }: { items: AuditEvent[] }) {
  const { t, lang, pick } = useI18n();
  const roleLabel = (role: AuditEvent['actor']['role']) =>
    role === 'system'
      ? pick('系统', 'System')
      : t(role === 'supervisor' ? 'roleSupervisor' : role === 'officer' ? 'roleOfficer' : 'roleApplicant');
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
                  {e.actor.name ?? (e.actor.role === 'system' ? pick('系统', 'System') : e.actor.subject)}
                  <div className="muted small">{roleLabel(e.actor.role)}</div>
                </td>
                <td>{labelOf(EVENT_LABELS, e.action, lang)}</td>
                <td className="nowrap">
                  {e.fromStatus && labelOf(STATUS_LABELS, e.fromStatus, lang)}
                  {e.toStatus && ` → ${labelOf(STATUS_LABELS, e.toStatus, lang)}`}
                </td>
                <td>
                  <dl className="audit-detail" data-testid="audit-detail">
                    {auditDetailLines(e.detail, lang).map(([label, value]) => (
                      <div key={label}>
                        <dt>{label}</dt>
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
