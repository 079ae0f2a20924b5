import { ApplicantType } from '../../../../functions/domain/filing.ts';
import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { APPLICANT_TYPE_LABELS } from '../../labels.ts';
import { ChoiceGroup, ProvinceField, TextFields } from './controls.tsx';
import type { CaseFormModel, TextSpec } from './use-case-form.ts';

type Applicant = CaseForm['applicant'];
const applicant = (f: CaseForm) => f.applicant;
/** The residence registration's two fields are touched together (their errors are the group's). */
const RESIDENCE = 'applicant.residenceRegistration';

/**
 * Who applies: the applicant type, then the identity fields of that type. A draft cannot change who
 * applies (`editing`): the type and the ID numbers are read-only.
 */
export function ApplicantSection({ model, editing }: { model: CaseFormModel; editing: boolean }) {
  const { t, pick } = useI18n();
  const { form } = model;
  const isBusiness = form.applicantType === 'CHINESE_BUSINESS';
  const isForeign = form.applicantType === 'FOREIGN_INDIVIDUAL';
  const business: Array<TextSpec<Applicant>> = [
    {
      key: 'creditCode',
      path: 'applicant.creditCode',
      label: t('creditCode'),
      hint: '91310115MA1K4Q2B2C',
      inputProps: { spellCheck: false, autoCapitalize: 'characters', readOnly: editing },
    },
    { key: 'legalRepresentative', path: 'applicant.legalRepresentative', label: t('legalRepresentative') },
  ];
  const individual: Array<TextSpec<Applicant>> = [
    {
      key: 'idNumber',
      path: 'applicant.idNumber',
      label: isForeign ? t('passportNumber') : t('residentIdNumber'),
      inputProps: { spellCheck: false, autoComplete: 'off', readOnly: editing },
    },
  ];
  const foreign: Array<TextSpec<Applicant>> = [
    {
      key: 'nationality',
      path: 'applicant.nationality',
      label: t('nationality'),
      inputProps: { maxLength: 2, autoCapitalize: 'characters', readOnly: editing },
    },
    { key: 'residenceNumber', path: `${RESIDENCE}.number`, label: t('residenceNumber'), touch: RESIDENCE },
    {
      key: 'residenceValidUntil',
      path: `${RESIDENCE}.validUntil`,
      label: t('residenceValidUntil'),
      touch: RESIDENCE,
      inputProps: { type: 'date' },
    },
  ];
  const identity: Array<TextSpec<Applicant>> = [
    {
      key: 'name',
      path: 'applicant.name',
      label: isBusiness ? t('companyName') : t('personName'),
      inputProps: { autoComplete: isBusiness ? 'organization' : 'name' },
    },
    ...(isBusiness ? business : individual),
    ...(isForeign ? foreign : []),
  ];
  return (
    <fieldset className="card">
      <legend>{t('sectionApplicant')}</legend>
      <ChoiceGroup
        model={model}
        field="applicantType"
        options={ApplicantType.options}
        disabled={(type) => editing && form.applicantType !== type}
        also={(f, type) => {
          f.responsible.idType = type === 'FOREIGN_INDIVIDUAL' ? 'PASSPORT' : 'RESIDENT_ID';
        }}
      >
        {(type) => <strong>{pick(APPLICANT_TYPE_LABELS[type][0], APPLICANT_TYPE_LABELS[type][1])}</strong>}
      </ChoiceGroup>
      <div className="grid-2">
        <TextFields model={model} section={applicant} specs={identity} />
        <ProvinceField
          model={model}
          label={t('province')}
          path="applicant.province"
          value={form.applicant.province}
          choose={(f, province) => {
            f.applicant.province = province;
            for (const w of f.websites) if (!w.serverProvince) w.serverProvince = province;
          }}
        />
        <TextFields
          model={model}
          section={applicant}
          specs={[
            {
              key: 'address',
              path: 'applicant.address',
              label: t('address'),
              className: 'span-2',
              inputProps: { autoComplete: 'street-address' },
            },
          ]}
        />
      </div>
    </fieldset>
  );
}
