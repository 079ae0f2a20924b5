import { ApplicantType, isOrganisation } from '../../../../functions/domain/filing.ts';
import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { APPLICANT_TYPE_LABELS } from '../../labels.ts';
import { ChoiceGroup, ProvinceField, TextFields } from './controls.tsx';
import { ID_TYPE_OF_APPLICANT } from './person-id-type.tsx';
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
  const type = form.applicantType;
  const isBusiness = isOrganisation(type);
  const isForeign = type === 'FOREIGN_INDIVIDUAL';
  const hasNationality = isForeign || type === 'FOREIGN_PERMANENT_RESIDENT';
  /** Mainland cards (resident ID, HMT residence permit) print an address: its province decides. */
  const hasCardAddress = type === 'CHINESE_INDIVIDUAL' || type === 'HMT_RESIDENT';
  const idNumberLabel = {
    FOREIGN_INDIVIDUAL: t('passportNumber'),
    HMT_RESIDENT: t('hmtPermitNumber'),
    FOREIGN_PERMANENT_RESIDENT: t('permanentResidenceIdNumber'),
  }[type as string];
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
      label: idNumberLabel ?? t('residentIdNumber'),
      inputProps: { spellCheck: false, autoComplete: 'off', readOnly: editing },
    },
  ];
  const nationality: Array<TextSpec<Applicant>> = [
    {
      key: 'nationality',
      path: 'applicant.nationality',
      label: t('nationality'),
      inputProps: { maxLength: 2, autoCapitalize: 'characters', readOnly: editing },
    },
  ];
  const foreign: Array<TextSpec<Applicant>> = [
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
      label:
        type === 'CHINESE_BUSINESS' ? t('companyName') : isBusiness ? t('organisationName') : t('personName'),
      inputProps: { autoComplete: isBusiness ? 'organization' : 'name' },
    },
    ...(isBusiness ? business : individual),
    ...(hasNationality ? nationality : []),
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
        also={(f, chosen) => {
          f.responsible.idType = ID_TYPE_OF_APPLICANT[chosen] ?? 'RESIDENT_ID';
        }}
      >
        {(option) => (
          <strong>{pick(APPLICANT_TYPE_LABELS[option][0], APPLICANT_TYPE_LABELS[option][1])}</strong>
        )}
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
            // Most people file where they live; the card's province starts there and can be changed.
            if (!f.applicant.idCardProvince) f.applicant.idCardProvince = province;
          }}
        />
        {hasCardAddress && (
          <ProvinceField
            model={model}
            label={t('idCardProvince')}
            path="applicant.idCardProvince"
            value={form.applicant.idCardProvince}
            choose={(f, province) => {
              f.applicant.idCardProvince = province;
            }}
          />
        )}
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
