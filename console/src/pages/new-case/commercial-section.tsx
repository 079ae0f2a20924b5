import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { ErrorList, TextFields } from './controls.tsx';
import type { CaseFormModel, TextSpec } from './use-case-form.ts';

type Commercial = CaseForm['commercial'];
const commercial = (f: CaseForm) => f.commercial;
/** The legal representative's two fields are touched together. */
const LEGAL_REP = 'commercial.legalRepresentative';

/** What a commercial licence (ICP 经营许可证) needs besides: the general number, capital, ownership, staff. */
export function CommercialSection({ model }: { model: CaseFormModel }) {
  const { t } = useI18n();
  const specs: Array<TextSpec<Commercial>> = [
    {
      key: 'generalIcpNumber',
      path: 'commercial.generalIcpNumber',
      label: t('generalIcpNumber'),
      hint: '沪ICP备12345678号',
    },
    {
      key: 'registeredCapitalCny',
      path: 'commercial.registeredCapitalCny',
      label: t('registeredCapital'),
      inputProps: { inputMode: 'numeric' },
    },
    { key: 'legalRepName', path: `${LEGAL_REP}.name`, label: t('legalRepName'), touch: LEGAL_REP },
    {
      key: 'legalRepIdNumber',
      path: `${LEGAL_REP}.idNumber`,
      label: t('legalRepId'),
      touch: LEGAL_REP,
      inputProps: { autoComplete: 'off' },
    },
    {
      key: 'foreignOwnershipPercent',
      path: 'commercial.foreignOwnershipPercent',
      label: t('foreignOwnership'),
      optional: true,
      inputProps: { inputMode: 'decimal' },
    },
    {
      key: 'staffWithSocialInsurance',
      path: 'commercial.staffWithSocialInsurance',
      label: t('staffInsured'),
      inputProps: { inputMode: 'numeric' },
    },
  ];
  return (
    <fieldset className="card">
      <legend>{t('sectionCommercial')}</legend>
      <ErrorList testId="error-commercial" errors={model.at('commercial')} />
      <div className="grid-2">
        <TextFields model={model} section={commercial} specs={specs} />
      </div>
    </fieldset>
  );
}
