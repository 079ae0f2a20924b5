import { isOrganisation } from '../../../../functions/domain/filing.ts';
import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { TextFields } from './controls.tsx';
import { ID_TYPE_OF_APPLICANT, PersonIdTypeField } from './person-id-type.tsx';
import type { CaseFormModel, TextSpec } from './use-case-form.ts';

type Person = CaseForm['responsible'];
const person = (f: CaseForm) => f.responsible;

/** The website's responsible person; an individual applicant can copy themselves in. */
export function ResponsibleSection({ model }: { model: CaseFormModel }) {
  const { t } = useI18n();
  const { form, update } = model;
  const contact: Array<TextSpec<Person>> = [
    {
      key: 'idNumber',
      path: 'responsiblePerson.idNumber',
      label: t('idNumber'),
      inputProps: { spellCheck: false, autoComplete: 'off' },
    },
    {
      key: 'mobile',
      path: 'responsiblePerson.mobile',
      label: t('mobile'),
      hint: '13812345678',
      inputProps: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
    },
    {
      key: 'email',
      path: 'responsiblePerson.email',
      label: t('email'),
      inputProps: { type: 'email', autoComplete: 'email' },
    },
    { key: 'emergencyName', path: 'responsiblePerson.emergencyContact.name', label: t('emergencyName') },
    {
      key: 'emergencyMobile',
      path: 'responsiblePerson.emergencyContact.mobile',
      label: t('emergencyMobile'),
      inputProps: { type: 'tel', inputMode: 'tel' },
    },
  ];
  return (
    <fieldset className="card">
      <legend>{t('sectionResponsible')}</legend>
      {!isOrganisation(form.applicantType) && (
        <button
          type="button"
          className="button button-small"
          data-testid="copy-from-applicant"
          onClick={() =>
            update((f) => {
              f.responsible.name = f.applicant.name;
              f.responsible.idNumber = f.applicant.idNumber;
              f.responsible.idType = ID_TYPE_OF_APPLICANT[f.applicantType] ?? 'RESIDENT_ID';
            })
          }
        >
          {t('copyFromApplicant')}
        </button>
      )}
      <div className="grid-2">
        <TextFields
          model={model}
          section={person}
          specs={[{ key: 'name', path: 'responsiblePerson.name', label: t('personName') }]}
        />
        <PersonIdTypeField
          model={model}
          path="responsiblePerson.idType"
          value={form.responsible.idType}
          choose={(f, idType) => {
            f.responsible.idType = idType;
          }}
        />
        <TextFields model={model} section={person} specs={contact} />
      </div>
    </fieldset>
  );
}
