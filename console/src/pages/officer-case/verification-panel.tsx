import { OFFICES } from '../../../../functions/domain/offices.ts';
import { api, type CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { formatAppointment } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/** The in-person verification: the responsible person came, or did not (confirmed first). */
export function VerificationPanel({ record }: { record: CaseView }) {
  const { t, lang, pick } = useI18n();
  const office = OFFICES.find((o) => o.id === record.appointment?.officeId);
  return (
    <Card id="verify" title={t('verificationTitle')} testId="verification-panel" className="card card-action">
      {record.appointment && (
        <p data-testid="officer-appointment">
          {formatAppointment(record.appointment.startsAt, lang)} ·{' '}
          {office ? pick(office.name.zh, office.name.en) : record.appointment.officeId}
        </p>
      )}
      <div className="form-actions">
        <ActionButton testId="verify-present" post={() => api.verification(record.caseId, 'PRESENT')}>
          ✓ {t('markPresent')}
        </ActionButton>
        <ActionButton
          testId="verify-no-show"
          className="button button-danger-quiet"
          confirm={t('confirmNoShow')}
          post={() => api.verification(record.caseId, 'NO_SHOW')}
        >
          {t('markNoShow')}
        </ActionButton>
      </div>
    </Card>
  );
}
