import { useState } from 'react';
import { api } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { InputField } from '../../components/labelled-field.tsx';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';
import { RejectCase } from './reject-case.tsx';

/** Commercial licence review: approve with the fee in yuan, or reject the case. */
export function LicencePanel({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [fee, setFee] = useState('');
  const feeNumber = Number(fee);
  const feeOk = fee.trim() !== '' && Number.isInteger(feeNumber) && feeNumber >= 0;
  return (
    <Card id="licence" title={t('licenceTitle')} testId="licence-panel" className="card card-action">
      <InputField id="licence-fee" label={t('feeYuan')} inputMode="numeric" value={fee} onValue={setFee} />
      <ActionButton
        testId="licence-approve"
        disabled={!feeOk}
        post={() => api.licenceReview(caseId, { decision: 'APPROVE', feeYuan: feeNumber })}
      >
        {t('approve')}
      </ActionButton>
      <RejectCase
        summary={t('rejectCase')}
        testId="licence-reject"
        reject={(reason) => api.licenceReview(caseId, { decision: 'REJECT', reason })}
      />
    </Card>
  );
}
