import { FilingType } from '../../../../functions/domain/filing.ts';
import { buildsOnExistingNumber } from '../../../../functions/domain/filing-kinds.ts';
import { useI18n } from '../../i18n.ts';
import { FILING_TYPE_LABELS } from '../../labels.ts';
import { ChoiceGroup, TextFields } from './controls.tsx';
import type { CaseFormModel } from './use-case-form.ts';

/** The filing type, and the existing ICP number for filings under one. */
export function FilingSection({ model }: { model: CaseFormModel }) {
  const { t, pick } = useI18n();
  const { form } = model;
  const needsExisting = buildsOnExistingNumber(form.filingType);
  return (
    <fieldset className="card">
      <legend>{t('sectionFiling')}</legend>
      <ChoiceGroup model={model} field="filingType" options={FilingType.options}>
        {(type) => (
          <span>
            <strong>{pick(FILING_TYPE_LABELS[type][0], FILING_TYPE_LABELS[type][1])}</strong>
            <span className="muted small">
              {pick(FILING_TYPE_LABELS[type][2], FILING_TYPE_LABELS[type][3])}
            </span>
          </span>
        )}
      </ChoiceGroup>
      {needsExisting && (
        <TextFields
          model={model}
          section={(f) => f}
          specs={[
            {
              key: 'existingIcpNumber',
              path: 'existingIcpNumber',
              label: t('existingIcpNumber'),
              hint: '京ICP备12345678号-1',
            },
          ]}
        />
      )}
    </fieldset>
  );
}
